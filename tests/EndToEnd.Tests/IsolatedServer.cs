namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// A second dashboard, with the same two embedded workers, for tests that change what every run sees: draining
/// the workers, racing 64 callers per run, preempting and releasing. Its tests run one after another
/// (<see cref="OnIsolatedServer"/>), in parallel with the tests of the shared server.
/// </summary>
public sealed class IsolatedServer : DashboardServer
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Scheduler:Engine:StopGracePeriodSeconds"] = "2",
        ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
    };
}

/// <summary>The tests that share the <see cref="IsolatedServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OnIsolatedServer : ICollectionFixture<IsolatedServer>
{
    public const string Name = "isolated server";
}
