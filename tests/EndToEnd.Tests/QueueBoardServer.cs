namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// A dashboard of its own for the Queues page tests: they drag, pick, preempt and cancel, and assert the order of
/// whole lanes, so no other test may put runs in them. Two run slots keep further runs queued.
/// </summary>
public sealed class QueueBoardServer : DashboardServer
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Scheduler:Engine:MaxConcurrentRuns"] = "2",
        ["Scheduler:Engine:StopGracePeriodSeconds"] = "2",
        ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
        ["Scheduler:Engine:PreemptionEnabled"] = "false",
    };
}

/// <summary>The tests that share the <see cref="QueueBoardServer"/>, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OnQueueBoardServer : ICollectionFixture<QueueBoardServer>
{
    public const string Name = "queue board server";
}
