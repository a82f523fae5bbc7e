using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Workers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Scheduling;

/// <summary>The queue through the engine: lanes, operators' order, moves, and what the dispatcher takes first.</summary>
public sealed class QueueOrderTests
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");

    [Fact]
    public async Task Dispatch_TakesLanesHighestFirstAndEachLaneInTheOperatorsOrder()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"), new Dictionary<string, string?> { ["Scheduler:Engine:MaxConcurrentRuns"] = "1" });
        var runs = host.Services.GetRequiredService<IRunService>();
        await DrainAllAsync(host);
        var agent = await NoopAsync(host);

        var low1 = await CreateAsync(runs, agent, Priority.Low);
        var medium1 = await CreateAsync(runs, agent, Priority.Medium);
        var critical1 = await CreateAsync(runs, agent, Priority.Critical);
        var medium2 = await CreateAsync(runs, agent, Priority.Medium);
        var high1 = await CreateAsync(runs, agent, Priority.High);
        var medium3 = await CreateAsync(runs, agent, Priority.Medium);
        var background1 = await CreateAsync(runs, agent, Priority.Background);
        var low2 = await CreateAsync(runs, agent, Priority.Low);

        Assert.Equal([[critical1], [high1], [medium1, medium2, medium3], [low1, low2], [background1]], await LanesAsync(runs));

        await MoveAsync(runs, medium3, Priority.Medium, before: medium1);
        await MoveAsync(runs, low2, Priority.High, after: high1);
        await MoveAsync(runs, medium2, Priority.Critical, before: critical1);
        await MoveAsync(runs, background1, Priority.Medium);
        await MoveAsync(runs, medium1, Priority.Medium, after: background1);

        var expected = new long[][] { [medium2, critical1], [high1, low2], [medium3, background1, medium1], [low1], [] };
        Assert.Equal(expected, await LanesAsync(runs));

        var order = await DispatchOrderAsync(host, expected.Sum(l => l.Length), () => UndrainAsync(host, "big"));

        Assert.Equal(expected.SelectMany(l => l), order);
        var moved = (await runs.GetAsync(low2, TestContext.Current.CancellationToken))!;
        var move = Assert.Single(moved.Timeline, t => t.Kind == TransitionKind.Reprioritised);
        Assert.Equal(Alice, move.Actor);
        Assert.Equal($"moved from the low lane to the high lane, after run {high1}", move.Reason);
        Assert.Equal(RunState.Succeeded, moved.Run.State);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Move_ToItsOwnPlaceOrRepeatedly_NeverLeavesADuplicate()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"));
        var runs = host.Services.GetRequiredService<IRunService>();
        await DrainAllAsync(host);
        var agent = await NoopAsync(host);
        var a = await CreateAsync(runs, agent, Priority.Medium);
        var b = await CreateAsync(runs, agent, Priority.Medium);
        var c = await CreateAsync(runs, agent, Priority.Medium);

        await MoveAsync(runs, c, Priority.Medium);
        await MoveAsync(runs, a, Priority.Medium, before: b);
        await MoveAsync(runs, b, Priority.Medium, after: a);
        for (var i = 0; i < 40; i++)
        {
            await MoveAsync(runs, c, Priority.Medium, after: a);
            await MoveAsync(runs, c, Priority.Medium, before: b);
        }

        await MoveAsync(runs, b, Priority.High);
        await MoveAsync(runs, b, Priority.Medium, before: a);

        var snapshot = await runs.GetQueueAsync();
        var queued = snapshot.Lanes.SelectMany(l => l.Runs).Select(r => r.Id).ToList();
        Assert.Equal([b, a, c], queued);
        Assert.All(snapshot.Lanes.Where(l => l.Priority != Priority.Medium), l => Assert.Empty(l.Runs));
        var refused = await runs.MoveAsync(a, new MoveRequest { Priority = Priority.Medium, BeforeRunId = a, Actor = Alice });
        Assert.Equal(("beforeRunId", EngineErrorKind.Invalid), (refused.Error.Field, refused.Error.Kind));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task MovesThatExhaustTheGapBetweenTwoRuns_RenumberTheLane_AndARestartRebuildsTheSameOrderFromTheDatabase()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scheduler.db");
        long[] expected;
        List<(long Id, long Position)> before;
        using (var first = await EngineHost.StartAsync(path))
        {
            var runs = first.Services.GetRequiredService<IRunService>();
            await DrainAllAsync(first);
            var agent = await NoopAsync(first);
            var anchor = await CreateAsync(runs, agent, Priority.Medium, cpu: 6);
            var tail = await CreateAsync(runs, agent, Priority.Medium, cpu: 6);
            var moved = new List<long>();
            for (var i = 0; i < 24; i++)
            {
                moved.Add(await CreateAsync(runs, agent, Priority.Low, cpu: 6));
            }

            // Each run goes right after the anchor, halving the gap between the anchor and the previous one.
            foreach (var id in moved)
            {
                await MoveAsync(runs, id, Priority.Medium, after: anchor);
            }

            expected = [anchor, .. Enumerable.Reverse(moved), tail];
            var lane = (await runs.GetQueueAsync()).Lanes.Single(l => l.Priority == Priority.Medium).Runs;
            Assert.Equal(expected, lane.Select(r => r.Id));
            before = [.. lane.Select(r => (r.Id, r.QueuePosition))];
            Assert.Equal(before.Count, before.Select(r => r.Position).Distinct().Count());
            Assert.Contains(before, r => r.Position % RunQueue.Gap == 0 && r.Id != anchor && r.Id != tail);
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        // Drains are not persisted: the restarted host shrinks its big worker so that nothing fits and the lane stays put.
        using var second = await EngineHost.StartAsync(path, new Dictionary<string, string?> { ["Scheduler:Workers:Embedded:0:Cpu"] = "4" });
        var rebuilt = (await second.Services.GetRequiredService<IRunService>().GetQueueAsync()).Lanes.Single(l => l.Priority == Priority.Medium).Runs;
        Assert.Equal(before, rebuilt.Select(r => (r.Id, r.QueuePosition)));
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Aging_RaisesAWaitingLowRunLaneByLane_SoItIsDispatchedBeforeNewerHighRuns()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = await EngineHost.StartAsync(
            dir.File("scheduler.db"),
            new Dictionary<string, string?>
            {
                ["Scheduler:Engine:MaxConcurrentRuns"] = "1",
                ["Scheduler:Engine:AgingIntervalSeconds"] = "60",
                ["Scheduler:Engine:AgingBoost"] = "1",
                ["Scheduler:Engine:AgingCeiling"] = "High",
                ["Scheduler:Workers:LeaseSeconds"] = "3600",
            },
            services => services.AddSingleton<TimeProvider>(time));
        var runs = host.Services.GetRequiredService<IRunService>();
        await DrainAllAsync(host);
        var agent = await NoopAsync(host);

        var low = await CreateAsync(runs, agent, Priority.Low);
        var highBefore = await CreateAsync(runs, agent, Priority.High);

        time.Advance(TimeSpan.FromSeconds(30));
        var stillLow = (await runs.GetQueueAsync()).Lanes.Single(l => l.Priority == Priority.Low).Runs.Select(r => r.Id);
        Assert.Equal([low], stillLow);

        time.Advance(TimeSpan.FromSeconds(45));
        await host.WaitForRunAsync(low, r => r.Priority == Priority.Medium, "aged to medium");
        var highMeanwhile = await CreateAsync(runs, agent, Priority.High);

        time.Advance(TimeSpan.FromSeconds(60));
        await host.WaitForRunAsync(low, r => r.Priority == Priority.High, "aged to high");
        var highAfter = await CreateAsync(runs, agent, Priority.High);

        time.Advance(TimeSpan.FromSeconds(600));
        await runs.GetQueueAsync();
        Assert.Equal(Priority.High, (await runs.GetAsync(low, TestContext.Current.CancellationToken))!.Run.Priority);
        Assert.Equal([highBefore, highMeanwhile, low, highAfter], (await LanesAsync(runs))[1]);

        var order = await DispatchOrderAsync(host, 4, () => UndrainAsync(host, "big"));

        Assert.Equal([highBefore, highMeanwhile, low, highAfter], order);
        var aged = (await runs.GetAsync(low, TestContext.Current.CancellationToken))!.Timeline.Where(t => t.Kind == TransitionKind.Reprioritised).ToList();
        Assert.Collection(
            aged,
            t => Assert.StartsWith("aged from the low lane to the medium lane after waiting ", t.Reason, StringComparison.Ordinal),
            t => Assert.StartsWith("aged from the medium lane to the high lane after waiting ", t.Reason, StringComparison.Ordinal));
        Assert.All(aged, t => Assert.Equal(Actor.Engine, t.Actor));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    internal static async Task DrainAllAsync(IHost host)
    {
        var workers = host.Services.GetRequiredService<IWorkerService>();
        Assert.True((await workers.DrainAsync("big", Alice)).Succeeded);
        Assert.True((await workers.DrainAsync("small", Alice)).Succeeded);
    }

    private static async Task UndrainAsync(IHost host, string worker) =>
        Assert.True((await host.Services.GetRequiredService<IWorkerService>().UndrainAsync(worker, Alice)).Succeeded);

    private static async Task<int> NoopAsync(IHost host) =>
        (await host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "noop",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "noop",
        })).Value!.Id;

    private static async Task<long> CreateAsync(IRunService runs, int agent, Priority priority, double cpu = 1)
    {
        var created = await runs.CreateAsync(new RunRequest { AgentId = agent, Priority = priority, Resources = ResourceVector.Of(cpu, 256), Actor = Alice });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        Assert.Equal(RunState.Queued, created.Value!.State);
        return created.Value.Id;
    }

    private static async Task MoveAsync(IRunService runs, long runId, Priority lane, long? before = null, long? after = null)
    {
        var moved = await runs.MoveAsync(runId, new MoveRequest { Priority = lane, BeforeRunId = before, AfterRunId = after, Actor = Alice });
        Assert.True(moved.Succeeded, string.Join("; ", moved.Errors.Select(e => e.Message)));
    }

    private static async Task<long[][]> LanesAsync(IRunService runs) =>
        [.. (await runs.GetQueueAsync()).Lanes.Select(l => l.Runs.Select(r => r.Id).ToArray())];

    /// <summary>Runs <paramref name="release"/>, then reads the feed until <paramref name="count"/> runs succeeded; answers the order they were assigned in.</summary>
    private static async Task<List<long>> DispatchOrderAsync(IHost host, int count, Func<Task> release)
    {
        var feed = host.Services.GetRequiredService<IChangeFeed>();
        using var subscription = feed.Subscribe(feed.LastSequence);
        await release();
        var assigned = new List<long>();
        var succeeded = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var change in subscription.Changes.ReadAllAsync(deadline.Token))
        {
            if (change.Transition?.Kind == TransitionKind.Assigned)
            {
                assigned.Add(change.Run!.Id);
            }
            else if (change.Transition?.Kind == TransitionKind.Succeeded && ++succeeded == count)
            {
                break;
            }
        }

        return assigned;
    }
}
