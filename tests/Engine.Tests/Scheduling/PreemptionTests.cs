using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class PreemptionTests : IAsyncLifetime
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");
    private readonly TempDirectory _dir = new();
    private IHost _host = default!;

    private IRunService Runs => _host.Services.GetRequiredService<IRunService>();

    public async ValueTask InitializeAsync() => _host = await EngineHost.StartAsync(_dir.File("scheduler.db"));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task CriticalRun_WorkerFullOfLowRuns_PreemptsTheCheapestVictimWhichGoesToTheFrontOfItsLane()
    {
        var agent = await SleeperAsync();
        var older = await RunningAsync(agent, Priority.Low, cpu: 4);
        var newer = await RunningAsync(agent, Priority.Low, cpu: 4);
        var waitingLow = (await Runs.CreateAsync(Request(agent, Priority.Low, 4))).Value!;

        var critical = (await Runs.CreateAsync(Request(agent, Priority.Critical, 4))).Value!;
        var placed = await _host.WaitForStateAsync(critical.Id, RunState.Running);

        Assert.Equal("big", placed.OwnerWorker);
        var victim = (await Runs.GetAsync(newer, TestContext.Current.CancellationToken))!;
        var preempted = Assert.Single(victim.Timeline, t => t.Kind == TransitionKind.Preempted);
        Assert.Contains($"preempted for run {critical.Id}", preempted.Reason, StringComparison.Ordinal);
        Assert.Equal(RunState.Queued, victim.Run.State);
        Assert.Equal(2, victim.Run.Attempt);
        Assert.True(victim.Run.QueuePosition < (await Runs.GetAsync(waitingLow.Id, TestContext.Current.CancellationToken))!.Run.QueuePosition);
        Assert.Equal(RunState.Running, (await Runs.GetAsync(older, TestContext.Current.CancellationToken))!.Run.State);
    }

    [Fact]
    public async Task CriticalRun_VictimsWouldNotFreeEnough_NothingIsStopped()
    {
        var agent = await SleeperAsync();
        var low = await RunningAsync(agent, Priority.Low, cpu: 2);
        var critical = await RunningAsync(agent, Priority.Critical, cpu: 6);

        var waiting = (await Runs.CreateAsync(Request(agent, Priority.Critical, 4))).Value!;
        var reason = (await Runs.WhyWaitingAsync([waiting.Id]))[waiting.Id];

        Assert.Equal(WaitReasonKind.NoCapacity, reason.Kind);
        Assert.Equal(StopIntent.None, (await Runs.GetAsync(low, TestContext.Current.CancellationToken))!.Run.Stopping);
        Assert.Equal(RunState.Running, (await Runs.GetAsync(critical, TestContext.Current.CancellationToken))!.Run.State);
        var preview = (await Runs.PreviewPreemptionAsync(waiting.Id)).Value!;
        Assert.Null(preview.Worker);
    }

    [Fact]
    public async Task HighRun_NeverPreemptsEqualPriority()
    {
        var agent = await SleeperAsync();
        var high = await RunningAsync(agent, Priority.High, cpu: 8);

        var waiting = (await Runs.CreateAsync(Request(agent, Priority.High, 4))).Value!;

        Assert.Equal(WaitReasonKind.NoCapacity, (await Runs.WhyWaitingAsync([waiting.Id]))[waiting.Id].Kind);
        Assert.Equal(StopIntent.None, (await Runs.GetAsync(high, TestContext.Current.CancellationToken))!.Run.Stopping);
    }

    [Fact]
    public async Task Victim_WithPreemptionModeCancel_EndsCancelled()
    {
        var agent = await SleeperAsync();
        var victim = (await Runs.CreateAsync(Request(agent, Priority.Background, 8) with { PreemptionMode = PreemptionMode.Cancel })).Value!;
        await _host.WaitForStateAsync(victim.Id, RunState.Running);

        var critical = (await Runs.CreateAsync(Request(agent, Priority.Critical, 8))).Value!;

        await _host.WaitForStateAsync(victim.Id, RunState.Cancelled);
        await _host.WaitForStateAsync(critical.Id, RunState.Running);
    }

    [Fact]
    public async Task Preview_ListsVictimsAndChangesNothing()
    {
        var agent = await SleeperAsync();
        var low = await RunningAsync(agent, Priority.Low, cpu: 8);
        var medium = (await Runs.CreateAsync(Request(agent, Priority.Medium, 8))).Value!;

        var preview = (await Runs.PreviewPreemptionAsync(medium.Id)).Value!;

        Assert.Equal("big", preview.Worker);
        Assert.Equal([low], preview.Victims.Select(v => v.Id));
        Assert.False(preview.Automatic);
        Assert.Equal(StopIntent.None, (await Runs.GetAsync(low, TestContext.Current.CancellationToken))!.Run.Stopping);
        Assert.Equal(RunState.Queued, (await Runs.GetAsync(medium.Id, TestContext.Current.CancellationToken))!.Run.State);
    }

    [Fact]
    public async Task OperatorPreempt_RunningRun_IsRequeuedAtTheFrontWithTheOperatorInItsTimeline()
    {
        var agent = await SleeperAsync();
        var running = await RunningAsync(agent, Priority.Medium, cpu: 1);

        Assert.True((await Runs.PreemptAsync(running, Alice)).Succeeded);
        await _host.WaitForRunAsync(running, r => r.Attempt == 2, "attempt 2");

        var timeline = (await Runs.GetAsync(running, TestContext.Current.CancellationToken))!.Timeline;
        Assert.Contains(timeline, t => t.Kind == TransitionKind.Preempted && t.Actor == Alice);
    }

    [Fact]
    public async Task Preemption_VictimStopsBeforeTheOtherVictim_IsNotPlacedBackOnTheWorkerBeingFreed()
    {
        var quick = await SleeperAsync();
        var stubborn = (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "ignores-sigterm",
            ExecutionEnvironment = ExecutionEnvironment.Subprocess,
            Command = "/bin/sh",
            Args = ["-c", "trap '' TERM; sleep 300"],
        })).Value!.Id;
        var slow = await RunningAsync(stubborn, Priority.Low, cpu: 6);
        var fast = await RunningAsync(quick, Priority.Low, cpu: 0.5);

        var critical = (await Runs.CreateAsync(Request(quick, Priority.Critical, 8))).Value!;
        await _host.WaitForStateAsync(critical.Id, RunState.Running);

        foreach (var victim in new[] { slow, fast })
        {
            var detail = (await Runs.GetAsync(victim, TestContext.Current.CancellationToken))!;
            Assert.Single(detail.Timeline, t => t.Kind == TransitionKind.Preempted);
            Assert.Equal(2, detail.Run.Attempt);
            Assert.Equal(RunState.Queued, detail.Run.State);
        }
    }

    private static RunRequest Request(int agent, Priority priority, double cpu) =>
        new() { AgentId = agent, Priority = priority, Resources = ResourceVector.Of(cpu, 64), Constraints = ["gpu=true"], Actor = Alice };

    private async Task<long> RunningAsync(int agent, Priority priority, double cpu)
    {
        var run = (await Runs.CreateAsync(Request(agent, priority, cpu))).Value!;
        await _host.WaitForStateAsync(run.Id, RunState.Running);
        return run.Id;
    }

    private async Task<int> SleeperAsync() =>
        (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "sleeper",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["120"],
        })).Value!.Id;
}
