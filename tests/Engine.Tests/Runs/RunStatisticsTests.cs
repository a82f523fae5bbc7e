using Microsoft.Extensions.DependencyInjection;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Runs;

public sealed class RunStatisticsTests
{
    private static readonly Actor Tester = new(ActorKind.Api, "test");

    [Fact]
    public async Task CountsThroughputAndRunsPerAgent_ReflectFinishedRuns()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"));
        var agents = host.Services.GetRequiredService<IAgentService>();
        var runs = host.Services.GetRequiredService<IRunService>();
        var noop = (await agents.CreateAsync(new AgentDefinition { Name = "noop", ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "noop" })).Value!.Id;
        var fail = (await agents.CreateAsync(new AgentDefinition { Name = "fail", ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "fail" })).Value!.Id;
        var last = 0L;
        for (var i = 0; i < 3; i++)
        {
            last = (await runs.CreateAsync(new RunRequest { AgentId = noop, Actor = Tester })).Value!.Id;
        }

        var failed = (await runs.CreateAsync(new RunRequest { AgentId = fail, Actor = Tester })).Value!.Id;
        await host.WaitForStateAsync(last, RunState.Succeeded);
        await host.WaitForStateAsync(failed, RunState.Failed);
        for (var id = 1; id < last; id++)
        {
            await host.WaitForStateAsync(id, RunState.Succeeded);
        }

        var counts = await runs.CountByStateAsync(TestContext.Current.CancellationToken);
        var buckets = await runs.ThroughputAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal((3, 1, 0), (counts[RunState.Succeeded], counts[RunState.Failed], counts[RunState.Queued]));
        Assert.InRange(buckets.Count, 60, 61);
        Assert.Equal((4, 4, 1), (buckets.Sum(b => b.Started), buckets.Sum(b => b.Finished), buckets.Sum(b => b.Failed)));
        var perAgent = await runs.RunsPerAgentAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new AgentRunSummary(3, last, RunState.Succeeded), perAgent[noop]);
        Assert.Equal(new AgentRunSummary(1, failed, RunState.Failed), perAgent[fail]);
        Assert.Equal(2, perAgent.Count);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PlacementOptions_SayWhichWorkersCouldTakeTheRunAndWhyNot()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"), new Dictionary<string, string?> { ["Scheduler:Engine:MaxConcurrentRuns"] = "1" });
        var agent = (await host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "sleeper",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["60"],
            Resources = ResourceVector.Of(4, 1024),
        })).Value!.Id;
        var runs = host.Services.GetRequiredService<IRunService>();
        await runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Tester });
        var queued = (await runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Tester })).Value!;

        var options = (await runs.PlacementOptionsAsync(queued.Id)).Value!;

        Assert.True(options.Single(o => o.WorkerId == "big").CanTake);
        var small = options.Single(o => o.WorkerId == "small");
        Assert.False(small.CanTake);
        Assert.Contains("2 cores short", small.Reason, StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
