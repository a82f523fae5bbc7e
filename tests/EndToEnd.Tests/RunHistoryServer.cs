namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// A dashboard of its own for the Runs page tests: they leave sleeping, failed and pending runs behind for their
/// screenshots, which would otherwise show up on the pages other tests expect to be empty.
/// </summary>
public sealed class RunHistoryServer : DashboardServer
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Scheduler:Engine:StopGracePeriodSeconds"] = "2",
        ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
    };
}

/// <summary>The tests that share the <see cref="RunHistoryServer"/>, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OnRunHistoryServer : ICollectionFixture<RunHistoryServer>
{
    public const string Name = "run history server";
}
