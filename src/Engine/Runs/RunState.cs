namespace Scheduler.Engine.Runs;

/// <summary>
/// Where a run is in its lifecycle. The numbers are stored in the database and never change meaning.
/// Preempted, released, lost and retried are not states: they are transitions back to <see cref="Queued"/>,
/// recorded in the run's timeline (see <see cref="TransitionKind"/>).
/// </summary>
public enum RunState : byte
{
    /// <summary>Waits for the runs it depends on.</summary>
    Pending = 0,

    /// <summary>In a priority lane, waiting for a worker.</summary>
    Queued = 1,

    /// <summary>An owner worker was picked and its resources reserved; the agent is being started.</summary>
    Assigned = 2,

    /// <summary>The agent is executing on its owner worker.</summary>
    Running = 3,

    /// <summary>Finished with exit code 0. Terminal.</summary>
    Succeeded = 4,

    /// <summary>Finished badly with no retries left. Terminal.</summary>
    Failed = 5,

    /// <summary>Stopped because it ran longer than its timeout. Terminal.</summary>
    TimedOut = 6,

    /// <summary>Cancelled by an operator or the API. Terminal.</summary>
    Cancelled = 7,

    /// <summary>A run it depends on ended badly. Terminal.</summary>
    UpstreamFailed = 8,
}

/// <summary>Facts about <see cref="RunState"/> values.</summary>
public static class RunStates
{
    /// <summary>Every state, in lifecycle order.</summary>
    public static IReadOnlyList<RunState> All { get; } = Enum.GetValues<RunState>();

    /// <summary>Terminal states never change again.</summary>
    public static bool IsTerminal(this RunState state) => state >= RunState.Succeeded;

    /// <summary>A run in these states holds a reservation on its owner worker.</summary>
    public static bool HoldsReservation(this RunState state) => state is RunState.Assigned or RunState.Running;
}
