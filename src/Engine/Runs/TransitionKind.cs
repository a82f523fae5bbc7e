namespace Scheduler.Engine.Runs;

/// <summary>Why a run changed state: the verb of a timeline entry. Stored as its number.</summary>
public enum TransitionKind : byte
{
    /// <summary>The run was created (from nothing to pending or queued).</summary>
    Created = 0,

    /// <summary>Every dependency finished; the run joined its lane.</summary>
    DependenciesMet = 1,

    /// <summary>A worker was chosen and its resources reserved.</summary>
    Assigned = 2,

    /// <summary>The agent started on its worker.</summary>
    Started = 3,

    /// <summary>The agent exited with code 0.</summary>
    Succeeded = 4,

    /// <summary>The agent failed and no retries are left.</summary>
    Failed = 5,

    /// <summary>The agent ran past its timeout and was stopped.</summary>
    TimedOut = 6,

    /// <summary>An operator or the API cancelled the run.</summary>
    Cancelled = 7,

    /// <summary>A dependency ended badly.</summary>
    UpstreamFailed = 8,

    /// <summary>The agent failed with retries left; the run waits out its backoff in its lane.</summary>
    RetryScheduled = 9,

    /// <summary>Stopped to make room for a higher-priority run; back to the front of its lane.</summary>
    Preempted = 10,

    /// <summary>Its owner gave it back; back to the front of its lane.</summary>
    Released = 11,

    /// <summary>Its owner vanished (crash or lapsed heartbeat); back to the front of its lane.</summary>
    Lost = 12,

    /// <summary>Moved to another lane or place in the queue, by an operator, by aging or by priority inheritance.</summary>
    Reprioritised = 13,

    /// <summary>An operator (or a volunteering worker) chose the worker; its resources were reserved.</summary>
    Picked = 14,
}
