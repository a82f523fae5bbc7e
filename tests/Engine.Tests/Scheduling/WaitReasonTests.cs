using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class WaitReasonTests : IAsyncLifetime
{
    private static readonly Actor Tester = new(ActorKind.Api, "test");
    private readonly TempDirectory _dir = new();
    private IHost _host = default!;

    private IRunService Runs => _host.Services.GetRequiredService<IRunService>();

    public async ValueTask InitializeAsync() =>
        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"), new Dictionary<string, string?> { ["Scheduler:Engine:MaxConcurrentRuns"] = "2" });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task QueuedRun_AllSlotsTaken_SaysSoAndCountsRunsAhead()
    {
        var sleeper = await AgentAsync("sleeper", ResourceVector.Of(0.5, 64));
        await StartAsync(sleeper);
        await StartAsync(sleeper);
        var first = await QueueAsync(sleeper);
        var second = await QueueAsync(sleeper);

        var reasons = await Runs.WhyWaitingAsync([first, second]);

        Assert.Equal(WaitReasonKind.GlobalConcurrency, reasons[first].Kind);
        Assert.Equal(0, reasons[first].Ahead);
        Assert.Equal(1, reasons[second].Ahead);
        Assert.Contains("all 2 run slots are in use", reasons[second].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedRun_NoWorkerHasRoom_NamesTheClosestWorkerAndTheShortfall()
    {
        var sleeper = await AgentAsync("sleeper", ResourceVector.Of(2, 64));
        var whole = await AgentAsync("whole-machine", ResourceVector.Of(8, 64));
        await StartAsync(sleeper, ResourceVector.Of(2, 64, gpu: 1));
        var waiting = await QueueAsync(whole);

        var reason = (await Runs.GetAsync(waiting, TestContext.Current.CancellationToken))!.WaitReason!;

        Assert.Equal(WaitReasonKind.NoCapacity, reason.Kind);
        Assert.Equal("big", reason.ClosestWorker);
        Assert.Equal(ResourceDimension.Cpu, reason.Dimension);
        Assert.Equal(2, reason.Shortfall);
        Assert.Contains("big (the closest fit) is 2 cores short", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedRun_AgentAtItsLimit_NamesTheLimit()
    {
        var limited = (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "limited",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["30"],
            Resources = ResourceVector.Of(0.5, 64),
            MaxConcurrency = 1,
        })).Value!.Id;
        await StartAsync(limited);
        var waiting = await QueueAsync(limited);

        var reason = (await Runs.WhyWaitingAsync([waiting]))[waiting];

        Assert.Equal(WaitReasonKind.AgentConcurrency, reason.Kind);
        Assert.Equal(1, reason.Limit);
    }

    [Fact]
    public async Task PendingRun_ListsTheDependenciesItWaitsFor()
    {
        var sleeper = await AgentAsync("sleeper", ResourceVector.Of(0.5, 64));
        var upstream = await StartAsync(sleeper);
        var pending = (await Runs.CreateAsync(new RunRequest { AgentId = sleeper, DependsOn = [upstream], Actor = Tester })).Value!;

        var reason = (await Runs.WhyWaitingAsync([pending.Id]))[pending.Id];

        Assert.Equal(RunState.Pending, pending.State);
        Assert.Equal(WaitReasonKind.Dependencies, reason.Kind);
        Assert.Equal([upstream], reason.WaitingFor);
    }

    [Fact]
    public async Task RunningRun_HasNoWaitReason()
    {
        var sleeper = await AgentAsync("sleeper", ResourceVector.Of(0.5, 64));
        var running = await StartAsync(sleeper);

        Assert.Empty(await Runs.WhyWaitingAsync([running]));
        Assert.Null((await Runs.GetAsync(running, TestContext.Current.CancellationToken))!.WaitReason);
    }

    private async Task<int> AgentAsync(string name, ResourceVector resources) =>
        (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = name,
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["30"],
            Resources = resources,
        })).Value!.Id;

    private async Task<long> StartAsync(int agentId, ResourceVector? resources = null)
    {
        var run = (await Runs.CreateAsync(new RunRequest { AgentId = agentId, Resources = resources, Actor = Tester })).Value!;
        await _host.WaitForStateAsync(run.Id, RunState.Running);
        return run.Id;
    }

    private async Task<long> QueueAsync(int agentId)
    {
        var run = (await Runs.CreateAsync(new RunRequest { AgentId = agentId, Actor = Tester })).Value!;
        Assert.Equal(RunState.Queued, (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Run.State);
        return run.Id;
    }
}
