using Microsoft.Extensions.DependencyInjection;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Runs;

/// <summary>The history query behind the runs grid: worker, time range and sort criteria, paged in SQL.</summary>
public sealed class RunHistoryQueryTests
{
    private static readonly Actor Tester = new(ActorKind.Api, "test");

    [Fact]
    public async Task List_ByWorkerTimeRangeAndSort_AnswersOnlyMatchingRunsInOrder()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"));
        var agents = host.Services.GetRequiredService<IAgentService>();
        var runs = host.Services.GetRequiredService<IRunService>();
        var alpha = (await agents.CreateAsync(new AgentDefinition { Name = "alpha", ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "noop" })).Value!.Id;
        var beta = (await agents.CreateAsync(new AgentDefinition { Name = "beta", ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "noop" })).Value!.Id;
        var finished = new List<RunSnapshot>();
        foreach (var (agent, priority) in new[] { (beta, Priority.Low), (alpha, Priority.Critical), (beta, Priority.Medium) })
        {
            var id = (await runs.CreateAsync(new RunRequest { AgentId = agent, Priority = priority, Actor = Tester })).Value!.Id;
            finished.Add(await host.WaitForStateAsync(id, RunState.Succeeded));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var token = TestContext.Current.CancellationToken;
        var worker = finished[1].OwnerWorker!;
        var onWorker = await runs.ListAsync(new RunFilter { Worker = worker }, 0, 10, token);
        var window = await runs.ListAsync(new RunFilter { CreatedFrom = finished[1].CreatedAt, CreatedTo = finished[2].CreatedAt }, 0, 10, token);
        var byPriority = await runs.ListAsync(new RunFilter { Sort = RunSort.Priority, Descending = true }, 0, 10, token);
        var byAgent = await runs.ListAsync(new RunFilter { Sort = RunSort.Agent, Descending = false }, 0, 2, token);
        var nowhere = await runs.ListAsync(new RunFilter { Worker = "worker-nowhere" }, 0, 10, token);

        Assert.All(onWorker.Items, r => Assert.Equal(worker, r.OwnerWorker));
        Assert.Contains(onWorker.Items, r => r.Id == finished[1].Id);
        Assert.Equal(onWorker.Items.Count, onWorker.Total);
        Assert.Equal([finished[1].Id], window.Items.Select(r => r.Id));
        Assert.Equal([finished[1].Id, finished[2].Id, finished[0].Id], byPriority.Items.Select(r => r.Id));
        Assert.Equal(3, byAgent.Total);
        Assert.Equal([finished[1].Id, finished[0].Id], byAgent.Items.Select(r => r.Id));
        Assert.Equal(0, nowhere.Total);
        await host.StopAsync(token);
    }
}
