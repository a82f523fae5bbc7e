namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// A dashboard of its own for the Graph page tests: they seed hundreds of waiting runs, which would show on every
/// other page of the shared server. Two run slots keep a third sleeper queued.
/// </summary>
public sealed class GraphServer : DashboardServer
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Scheduler:Engine:MaxConcurrentRuns"] = "2",
        ["Scheduler:Engine:StopGracePeriodSeconds"] = "2",
        ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
    };
}

/// <summary>The tests that share the <see cref="GraphServer"/>, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OnGraphServer : ICollectionFixture<GraphServer>
{
    public const string Name = "graph server";
}
