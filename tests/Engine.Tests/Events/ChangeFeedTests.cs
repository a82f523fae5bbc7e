using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Tests.Scheduling;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Events;

public sealed class ChangeFeedTests
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");

    [Fact]
    public async Task ResumingFromN_DeliversEveryLaterChangeExactlyOnceInOrder_AndNumberingContinuesAcrossARestart()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scheduler.db");
        List<SchedulerChange> everything;
        long resumeFrom;
        long lastBeforeRestart;
        using (var first = await EngineHost.StartAsync(path))
        {
            var feed = first.Services.GetRequiredService<IChangeFeed>();
            var start = feed.LastSequence;
            using var all = feed.Subscribe(start);
            var agent = await NoopAsync(first);
            await RunToSuccessAsync(first, agent, 3);
            resumeFrom = feed.LastSequence;
            await RunToSuccessAsync(first, agent, 3);
            var runs = first.Services.GetRequiredService<IRunService>();
            await QueueOrderTests.DrainAllAsync(first);
            var queued = (await runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
            await runs.MoveAsync(queued.Id, new MoveRequest { Priority = Priority.High, Actor = Alice });
            await runs.CancelAsync(queued.Id, Alice);

            using var resumed = feed.Subscribe(resumeFrom);
            var caughtUp = await ReadUntilAsync(resumed, feed.LastSequence);

            await first.StopAsync(TestContext.Current.CancellationToken);
            lastBeforeRestart = feed.LastSequence;
            everything = await ReadToEndAsync(all);
            Assert.False(all.ResnapshotRequired);
            AssertContiguous(everything, start + 1, lastBeforeRestart);
            Assert.Equal(
                everything.Where(c => c.Sequence > resumeFrom).Take(caughtUp.Count).Select(Identity),
                caughtUp.Select(Identity));
            AssertContiguous(caughtUp, resumeFrom + 1, caughtUp[^1].Sequence);
        }

        Assert.True(resumeFrom > 0 && lastBeforeRestart > resumeFrom);
        using var second = await EngineHost.StartAsync(path);
        var restartedFeed = second.Services.GetRequiredService<IChangeFeed>();
        Assert.True(restartedFeed.LastSequence >= lastBeforeRestart);
        using var afterRestart = restartedFeed.Subscribe(lastBeforeRestart);
        var agentAfter = (await second.Services.GetRequiredService<IAgentService>().ListAsync()).Single().Id;
        var created = await RunToSuccessAsync(second, agentAfter, 2);

        var changes = await ReadUntilAsync(afterRestart, restartedFeed.LastSequence);
        AssertContiguous(changes, lastBeforeRestart + 1, restartedFeed.LastSequence);
        Assert.Equal(created, changes.Where(c => c.Transition?.Kind == TransitionKind.Created).Select(c => c.Run!.Id));
        Assert.All(created, id => Assert.Contains(changes, c => c.Run?.Id == id && c.Transition?.Kind == TransitionKind.Succeeded));
        Assert.DoesNotContain(changes, c => everything.Any(e => e.Sequence == c.Sequence));

        // Changes before the restart are not held by the new process: resuming from there asks for a snapshot instead of skipping them.
        using var tooOld = restartedFeed.Subscribe(resumeFrom);
        Assert.True(tooOld.ResnapshotRequired);
        Assert.Empty(await ReadToEndAsync(tooOld));
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ResumingFromBeforeWhatTheFeedHolds_GetsTheResnapshotSignal_WhileFromTheOldestHeldChangeItResumesNormally()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"), new Dictionary<string, string?> { ["Scheduler:Engine:ChangeFeedCapacity"] = "1000" });
        var feed = host.Services.GetRequiredService<IChangeFeed>();
        var start = feed.LastSequence;
        await QueueOrderTests.DrainAllAsync(host);
        var agent = await NoopAsync(host);
        var runs = host.Services.GetRequiredService<IRunService>();
        for (var batch = 0; batch < 2; batch++)
        {
            var created = await runs.CreateBatchAsync([.. Enumerable.Range(0, 600).Select(i => new BatchRunRequest { Key = $"r{i}", Run = new RunRequest { AgentId = agent, Actor = Alice } })]);
            Assert.True(created.Succeeded);
        }

        var last = feed.LastSequence;
        Assert.True(last - start > 1000);

        using var fellBehind = feed.Subscribe(last - 1001);
        Assert.True(fellBehind.ResnapshotRequired);
        Assert.Empty(await ReadToEndAsync(fellBehind));

        using var oldestHeld = feed.Subscribe(last - 1000);
        Assert.False(oldestHeld.ResnapshotRequired);
        var held = await ReadUntilAsync(oldestHeld, last);
        AssertContiguous(held, last - 999, last);

        using var fromTheFuture = feed.Subscribe(last + 5);
        Assert.True(fromTheFuture.ResnapshotRequired);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task LiveSubscriber_ThatStopsReading_IsToldToResnapshot_WithoutHoldingBackTheOthers()
    {
        var feed = new ChangeFeed(capacity: 100, subscriberBuffer: 4);
        using var slow = feed.Subscribe(0);
        using var keepsUp = feed.Subscribe(0);
        var seen = new List<long>();

        for (var i = 0; i < 10; i++)
        {
            feed.Publish([Change]);
            while (keepsUp.Changes.TryRead(out var change))
            {
                seen.Add(change.Sequence);
            }
        }

        Assert.True(slow.ResnapshotRequired);
        Assert.Equal([1L, 2, 3, 4], (await ReadToEndAsync(slow)).Select(c => c.Sequence));
        Assert.False(keepsUp.ResnapshotRequired);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seen);

        using var late = feed.Subscribe(6);
        var backlog = await ReadUntilAsync(late, 10);
        feed.Publish([Change, Change]);
        Assert.Equal([7L, 8, 9, 10, 11, 12], backlog.Concat(await ReadUntilAsync(late, 12)).Select(c => c.Sequence));
        Assert.False(late.ResnapshotRequired);
    }

    private static SchedulerChange Change(long sequence) => new() { Sequence = sequence, At = DateTimeOffset.UnixEpoch, Kind = ChangeKind.Agent };

    private static (long, ChangeKind, long?, long?, TransitionKind?) Identity(SchedulerChange change) =>
        (change.Sequence, change.Kind, change.Run?.Id, change.Run?.Version, change.Transition?.Kind);

    private static void AssertContiguous(List<SchedulerChange> changes, long first, long last)
    {
        Assert.Equal(first, changes[0].Sequence);
        Assert.Equal(last, changes[^1].Sequence);
        for (var i = 1; i < changes.Count; i++)
        {
            Assert.True(changes[i].Sequence == changes[i - 1].Sequence + 1, $"change {changes[i].Sequence} follows {changes[i - 1].Sequence}");
        }
    }

    private static async Task<List<SchedulerChange>> ReadUntilAsync(ChangeSubscription subscription, long last)
    {
        var changes = new List<SchedulerChange>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var change in subscription.Changes.ReadAllAsync(deadline.Token))
        {
            changes.Add(change);
            if (change.Sequence >= last)
            {
                break;
            }
        }

        return changes;
    }

    private static async Task<List<SchedulerChange>> ReadToEndAsync(ChangeSubscription subscription)
    {
        var changes = new List<SchedulerChange>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var change in subscription.Changes.ReadAllAsync(deadline.Token))
        {
            changes.Add(change);
        }

        return changes;
    }

    private static async Task<int> NoopAsync(IHost host) =>
        (await host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "noop",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "noop",
        })).Value!.Id;

    private static async Task<List<long>> RunToSuccessAsync(IHost host, int agent, int count)
    {
        var runs = host.Services.GetRequiredService<IRunService>();
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!.Id);
        }

        foreach (var id in ids)
        {
            await host.WaitForStateAsync(id, RunState.Succeeded);
        }

        return ids;
    }
}
