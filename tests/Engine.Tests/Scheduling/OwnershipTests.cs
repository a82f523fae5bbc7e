using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class OwnershipTests : IAsyncLifetime
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");
    private readonly TempDirectory _dir = new();
    private IHost _host = default!;

    private IRunService Runs => _host.Services.GetRequiredService<IRunService>();

    public async ValueTask InitializeAsync() =>
        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"), new Dictionary<string, string?> { ["Scheduler:Engine:MaxConcurrentRuns"] = "1" });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Pick_64CallersRaceForEachOf1000Runs_ExactlyOneOwnerAndTheOthersGetConflicts()
    {
        var agent = await SleeperAsync(ResourceVector.Zero);
        await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice });
        var queued = new List<long>();
        for (var i = 0; i < 1000; i++)
        {
            queued.Add((await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!.Id);
        }

        var results = await Task.WhenAll(queued.SelectMany(run => Enumerable.Range(0, 64).Select(caller =>
            Task.Run(() => Runs.PickAsync(run, caller % 2 == 0 ? "big" : "small", new Actor(ActorKind.Operator, $"op{caller}")), TestContext.Current.CancellationToken))));

        Assert.Equal(1000, results.Count(r => r.Succeeded));
        Assert.Equal(63_000, results.Count(r => !r.Succeeded && r.Error.Kind == EngineErrorKind.Conflict));
        foreach (var run in queued.Take(50))
        {
            var detail = (await Runs.GetAsync(run, TestContext.Current.CancellationToken))!;
            Assert.Single(detail.Timeline, t => t.Kind == TransitionKind.Picked);
            Assert.NotNull(detail.Run.OwnerWorker);
            Assert.Equal(1, detail.Run.OwnerEpoch);
        }
    }

    [Fact]
    public async Task Pick_RunThatDoesNotFit_IsRefusedWithTheShortfallAndNothingChanges()
    {
        var agent = await SleeperAsync(ResourceVector.Of(4, 64));
        await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice });
        var queued = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;

        var result = await Runs.PickAsync(queued.Id, "small", Alice);

        Assert.Equal(EngineErrorKind.Conflict, result.Error.Kind);
        Assert.Contains("does not fit on small: it is 2 cores short", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(RunState.Queued, (await Runs.GetAsync(queued.Id, TestContext.Current.CancellationToken))!.Run.State);
    }

    [Fact]
    public async Task Pick_UnknownWorkerOrRunningRun_IsRefused()
    {
        var agent = await SleeperAsync(ResourceVector.Of(0.5, 64));
        var running = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        await _host.WaitForStateAsync(running.Id, RunState.Running);

        var unknownWorker = await Runs.PickAsync(running.Id, "nowhere", Alice);
        var alreadyRunning = await Runs.PickAsync(running.Id, "big", Alice);

        Assert.Equal(("workerId", EngineErrorKind.Invalid), (unknownWorker.Error.Field!, unknownWorker.Error.Kind));
        Assert.Equal(EngineErrorKind.Conflict, alreadyRunning.Error.Kind);
        Assert.Contains("only a queued run can be picked", alreadyRunning.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_RunningRun_GoesBackToTheFrontOfItsLaneAsANewAttempt()
    {
        var agent = await SleeperAsync(ResourceVector.Of(0.5, 64));
        var running = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Priority = Priority.Low, Actor = Alice })).Value!;
        await _host.WaitForStateAsync(running.Id, RunState.Running);
        var behind = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Priority = Priority.Low, Actor = Alice })).Value!;

        var released = await Runs.ReleaseAsync(running.Id, Alice);
        Assert.Equal(StopIntent.Release, released.Value!.Stopping);
        var requeued = await _host.WaitForRunAsync(running.Id, r => r.State == RunState.Running && r.Attempt == 2, "attempt 2 running");

        var detail = (await Runs.GetAsync(running.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(2, requeued.Attempt);
        Assert.Equal(2, requeued.OwnerEpoch);
        Assert.Contains(detail.Timeline, t => t.Kind == TransitionKind.Released && t.Actor == Alice);
        Assert.Equal(RunState.Queued, (await Runs.GetAsync(behind.Id, TestContext.Current.CancellationToken))!.Run.State);
    }

    [Fact]
    public async Task Release_UnownedRun_IsAConflict()
    {
        var agent = await SleeperAsync(ResourceVector.Of(0.5, 64));
        await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice });
        var queued = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;

        var result = await Runs.ReleaseAsync(queued.Id, Alice);

        Assert.Equal(EngineErrorKind.Conflict, result.Error.Kind);
        Assert.Contains("only a run that is owned", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_WorkerTakesNoNewRunsUntilUndrained()
    {
        var workers = _host.Services.GetRequiredService<IWorkerService>();
        Assert.True((await workers.DrainAsync("big", Alice)).Succeeded);
        Assert.True((await workers.DrainAsync("small", Alice)).Succeeded);
        var agent = await SleeperAsync(ResourceVector.Of(0.5, 64));
        var waiting = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;

        Assert.Equal(WaitReasonKind.WorkersDraining, (await Runs.WhyWaitingAsync([waiting.Id]))[waiting.Id].Kind);

        Assert.True((await workers.UndrainAsync("small", Alice)).Succeeded);
        var running = await _host.WaitForStateAsync(waiting.Id, RunState.Running);
        Assert.Equal("small", running.OwnerWorker);
    }

    private async Task<int> SleeperAsync(ResourceVector resources) =>
        (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = $"sleeper-{Guid.NewGuid():N}"[..20],
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["60"],
            Resources = resources,
        })).Value!.Id;
}
