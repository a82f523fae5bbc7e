using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class DependencyDagTests : IAsyncLifetime
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");
    private readonly TempDirectory _dir = new();
    private IHost _host = default!;
    private int _sleeper;
    private int _failer;
    private int _noop;

    private IRunService Runs => _host.Services.GetRequiredService<IRunService>();

    public async ValueTask InitializeAsync()
    {
        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"), new Dictionary<string, string?>
        {
            ["Scheduler:Engine:MaxConcurrentRuns"] = "1",
            ["Scheduler:Engine:MaxDependencyDepth"] = "3",
            ["Scheduler:Engine:DependencyTimeoutSeconds"] = "2",
        });
        _sleeper = await AgentAsync("sleeper", "sleep", ["60"]);
        _failer = await AgentAsync("failer", "fail", ["7", "upstream broke"]);
        _noop = await AgentAsync("noop", "noop", []);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Batch_WithACycle_IsRefusedNamingItAndCreatesNothing()
    {
        var before = (await Runs.ListAsync(new RunFilter(), 0, 1, TestContext.Current.CancellationToken)).Total;

        var result = await Runs.CreateBatchAsync([Item("a", _noop, "c"), Item("b", _noop, "a"), Item("c", _noop, "b"), Item("d", _noop)]);

        Assert.Equal(("runs", EngineErrorKind.Invalid), (result.Error.Field!, result.Error.Kind));
        Assert.Contains("cycle: a → b → c → a", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await Runs.ListAsync(new RunFilter(), 0, 1, TestContext.Current.CancellationToken)).Total);
    }

    [Fact]
    public async Task Batch_DependingOnAnUnknownKey_NamesTheField()
    {
        var result = await Runs.CreateBatchAsync([Item("a", _noop), Item("b", _noop, "missing")]);

        Assert.Equal("runs[1].dependsOnKeys", result.Error.Field);
    }

    [Fact]
    public async Task Batch_Dag_IsCreatedDependenciesFirstAndRunsInOrder()
    {
        var result = await Runs.CreateBatchAsync([Item("load", _noop, "transform"), Item("transform", _noop, "extract"), Item("extract", _noop)]);

        Assert.True(result.Succeeded);
        var (load, transform, extract) = (result.Value![0], result.Value[1], result.Value[2]);
        Assert.Equal([transform.Id], load.DependsOn);
        Assert.True(extract.Id < transform.Id && transform.Id < load.Id);
        Assert.Equal(2, load.Depth);
        await _host.WaitForStateAsync(load.Id, RunState.Succeeded);
    }

    [Fact]
    public async Task Chain_DeeperThanTheLimit_IsRefused()
    {
        var batch = await Runs.CreateBatchAsync([Item("1", _sleeper), Item("2", _noop, "1"), Item("3", _noop, "2"), Item("4", _noop, "3")]);
        Assert.True(batch.Succeeded);

        var tooDeep = await Runs.CreateAsync(new RunRequest { AgentId = _noop, DependsOn = [batch.Value![3].Id], Actor = Alice });

        Assert.Equal(("dependsOn", EngineErrorKind.Invalid), (tooDeep.Error.Field!, tooDeep.Error.Kind));
        Assert.Contains("would be 4 deep; the limit is 3", tooDeep.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamFailure_MarksDependentsUpstreamFailedTransitively()
    {
        var runs = (await Runs.CreateBatchAsync([Item("a", _failer), Item("b", _noop, "a"), Item("c", _noop, "b")])).Value!;

        await _host.WaitForStateAsync(runs[2].Id, RunState.UpstreamFailed);

        var b = (await Runs.GetAsync(runs[1].Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(RunState.UpstreamFailed, b.Run.State);
        Assert.Contains($"run {runs[0].Id} (failer) ended failed", b.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerRuleAllDone_RunsAfterAFailedDependency()
    {
        var runs = (await Runs.CreateBatchAsync(
        [
            Item("a", _failer),
            new BatchRunRequest { Key = "b", Run = new RunRequest { AgentId = _noop, TriggerRule = TriggerRule.AllDone, Actor = Alice }, DependsOnKeys = ["a"] },
        ])).Value!;

        await _host.WaitForStateAsync(runs[1].Id, RunState.Succeeded);
        Assert.Equal(RunState.Failed, (await Runs.GetAsync(runs[0].Id, TestContext.Current.CancellationToken))!.Run.State);
    }

    [Fact]
    public async Task PendingRun_WaitingLongerThanTheDependencyTimeout_Fails()
    {
        var upstream = (await Runs.CreateAsync(new RunRequest { AgentId = _sleeper, Actor = Alice })).Value!;
        var waiting = (await Runs.CreateAsync(new RunRequest { AgentId = _noop, DependsOn = [upstream.Id], Actor = Alice })).Value!;

        var failed = await _host.WaitForStateAsync(waiting.Id, RunState.Failed);

        Assert.Contains($"waited longer than the dependency timeout (2 s) for run {upstream.Id}", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CriticalRunWaitingOnALowRun_LendsItsPriorityUntilItStopsWaiting()
    {
        await Runs.CreateAsync(new RunRequest { AgentId = _sleeper, Priority = Priority.Low, Actor = Alice });
        var upstream = (await Runs.CreateAsync(new RunRequest { AgentId = _noop, Priority = Priority.Low, Actor = Alice })).Value!;

        var critical = (await Runs.CreateAsync(new RunRequest { AgentId = _noop, Priority = Priority.Critical, DependsOn = [upstream.Id], Actor = Alice })).Value!;

        var inheriting = (await Runs.GetAsync(upstream.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal((Priority.Critical, Priority.Low, critical.Id), (inheriting.Run.Priority, inheriting.Run.BasePriority, inheriting.Run.InheritedFrom!.Value));
        Assert.Contains(inheriting.Timeline, t => t.Kind == TransitionKind.Reprioritised && t.Reason!.Contains($"from run {critical.Id}", StringComparison.Ordinal));
        var lanes = await Runs.GetQueueAsync();
        Assert.Contains(upstream.Id, lanes.Lanes.Single(l => l.Priority == Priority.Critical).Runs.Select(r => r.Id));

        Assert.True((await Runs.CancelAsync(critical.Id, Alice)).Succeeded);

        var released = (await Runs.GetAsync(upstream.Id, TestContext.Current.CancellationToken))!.Run;
        Assert.Equal((Priority.Low, (long?)null), (released.Priority, released.InheritedFrom));
    }

    private static BatchRunRequest Item(string key, int agent, params string[] dependsOn) =>
        new() { Key = key, Run = new RunRequest { AgentId = agent, Actor = Alice }, DependsOnKeys = dependsOn };

    private async Task<int> AgentAsync(string name, string command, string[] args) =>
        (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = name,
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = command,
            Args = args,
            Resources = ResourceVector.Of(0.1, 16),
        })).Value!.Id;
}
