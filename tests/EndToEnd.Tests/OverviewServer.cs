namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// A dashboard of its own for the Overview and Workers page tests: they count runs per state, drain a worker and
/// take screenshots with a known mix of runs, so no other test may add runs or drain workers under them. Three
/// run slots keep further runs queued, so there is always a run that waits and says why.
/// </summary>
public sealed class OverviewServer : DashboardServer
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Scheduler:Engine:MaxConcurrentRuns"] = "3",
        ["Scheduler:Engine:StopGracePeriodSeconds"] = "2",
        ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
        ["Scheduler:Engine:PreemptionEnabled"] = "false",
    };
}

/// <summary>The tests that share the <see cref="OverviewServer"/>, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OnOverviewServer : ICollectionFixture<OverviewServer>
{
    public const string Name = "overview server";
}
