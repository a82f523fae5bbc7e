namespace Scheduler.Engine.Runs;

/// <summary>
/// The one transition table of the run lifecycle. Every state change the engine makes is checked here first;
/// anything not listed is illegal and raises <see cref="IllegalTransitionException"/> rather than overwriting state.
/// </summary>
public static class RunStateMachine
{
    private static readonly Dictionary<(RunState From, RunState To), TransitionKind[]> Table = new()
    {
        [(RunState.Pending, RunState.Queued)] = [TransitionKind.DependenciesMet],
        [(RunState.Pending, RunState.UpstreamFailed)] = [TransitionKind.UpstreamFailed],
        [(RunState.Pending, RunState.Failed)] = [TransitionKind.Failed],
        [(RunState.Pending, RunState.Cancelled)] = [TransitionKind.Cancelled],

        [(RunState.Queued, RunState.Queued)] = [TransitionKind.Reprioritised],
        [(RunState.Queued, RunState.Assigned)] = [TransitionKind.Assigned, TransitionKind.Picked],
        [(RunState.Queued, RunState.Cancelled)] = [TransitionKind.Cancelled],

        [(RunState.Assigned, RunState.Running)] = [TransitionKind.Started],
        [(RunState.Assigned, RunState.Queued)] = [TransitionKind.RetryScheduled, TransitionKind.Preempted, TransitionKind.Released, TransitionKind.Lost],
        [(RunState.Assigned, RunState.Failed)] = [TransitionKind.Failed],
        [(RunState.Assigned, RunState.TimedOut)] = [TransitionKind.TimedOut],
        [(RunState.Assigned, RunState.Cancelled)] = [TransitionKind.Cancelled],

        [(RunState.Running, RunState.Succeeded)] = [TransitionKind.Succeeded],
        [(RunState.Running, RunState.Failed)] = [TransitionKind.Failed],
        [(RunState.Running, RunState.TimedOut)] = [TransitionKind.TimedOut],
        [(RunState.Running, RunState.Cancelled)] = [TransitionKind.Cancelled],
        [(RunState.Running, RunState.Queued)] = [TransitionKind.RetryScheduled, TransitionKind.Preempted, TransitionKind.Released, TransitionKind.Lost],
    };

    /// <summary>The states a run may be created in.</summary>
    public static IReadOnlyList<RunState> InitialStates { get; } = [RunState.Pending, RunState.Queued, RunState.UpstreamFailed];

    /// <summary>Whether <paramref name="kind"/> may move a run from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(RunState from, RunState to, TransitionKind kind) =>
        Table.TryGetValue((from, to), out var kinds) && Array.IndexOf(kinds, kind) >= 0;

    /// <summary>The states a run in <paramref name="from"/> may move to.</summary>
    public static IEnumerable<RunState> NextStates(RunState from) =>
        Table.Keys.Where(k => k.From == from).Select(k => k.To);

    /// <summary>Throws <see cref="IllegalTransitionException"/> unless the transition is in the table.</summary>
    public static void Ensure(long runId, RunState from, RunState to, TransitionKind kind)
    {
        if (!IsAllowed(from, to, kind))
        {
            throw new IllegalTransitionException(runId, from, to, kind);
        }
    }
}

/// <summary>A state change that the run lifecycle does not allow. Always a bug in the caller, never a race.</summary>
public sealed class IllegalTransitionException(long runId, RunState from, RunState to, TransitionKind kind)
    : InvalidOperationException($"Run {runId} cannot go from {from} to {to} by {kind}.")
{
    /// <summary>The run.</summary>
    public long RunId { get; } = runId;

    /// <summary>Its state before the attempted change.</summary>
    public RunState From { get; } = from;

    /// <summary>The state that was asked for.</summary>
    public RunState To { get; } = to;

    /// <summary>The reason given.</summary>
    public TransitionKind Kind { get; } = kind;
}
