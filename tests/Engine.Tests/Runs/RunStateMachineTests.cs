using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Tests.Runs;

/// <summary>
/// The whole truth table of the run lifecycle (PRODUCT.md): every (from, to, kind) triple is tried, the allowed
/// ones must pass and every other one must be refused with an <see cref="IllegalTransitionException"/>.
/// </summary>
public sealed class RunStateMachineTests
{
    private static readonly TransitionKind[] BackToQueue = [TransitionKind.RetryScheduled, TransitionKind.Preempted, TransitionKind.Released, TransitionKind.Lost];

    // Written from the lifecycle in PRODUCT.md, independently of the engine's table.
    private static readonly HashSet<(RunState From, RunState To, TransitionKind Kind)> Allowed =
    [
        (RunState.Pending, RunState.Queued, TransitionKind.DependenciesMet),
        (RunState.Pending, RunState.UpstreamFailed, TransitionKind.UpstreamFailed),
        (RunState.Pending, RunState.Failed, TransitionKind.Failed),
        (RunState.Pending, RunState.Cancelled, TransitionKind.Cancelled),

        (RunState.Queued, RunState.Queued, TransitionKind.Reprioritised),
        (RunState.Queued, RunState.Assigned, TransitionKind.Assigned),
        (RunState.Queued, RunState.Assigned, TransitionKind.Picked),
        (RunState.Queued, RunState.Cancelled, TransitionKind.Cancelled),

        (RunState.Assigned, RunState.Running, TransitionKind.Started),
        (RunState.Assigned, RunState.Failed, TransitionKind.Failed),
        (RunState.Assigned, RunState.TimedOut, TransitionKind.TimedOut),
        (RunState.Assigned, RunState.Cancelled, TransitionKind.Cancelled),
        .. BackToQueue.Select(kind => (RunState.Assigned, RunState.Queued, kind)),

        (RunState.Running, RunState.Succeeded, TransitionKind.Succeeded),
        (RunState.Running, RunState.Failed, TransitionKind.Failed),
        (RunState.Running, RunState.TimedOut, TransitionKind.TimedOut),
        (RunState.Running, RunState.Cancelled, TransitionKind.Cancelled),
        .. BackToQueue.Select(kind => (RunState.Running, RunState.Queued, kind)),
    ];

    private static IEnumerable<(RunState From, RunState To, TransitionKind Kind)> EveryTriple() =>
        from source in Enum.GetValues<RunState>()
        from target in Enum.GetValues<RunState>()
        from kind in Enum.GetValues<TransitionKind>()
        select (source, target, kind);

    [Fact]
    public void EveryAllowedTransition_IsAccepted()
    {
        foreach (var (from, to, kind) in Allowed)
        {
            Assert.True(RunStateMachine.IsAllowed(from, to, kind), $"{from} → {to} by {kind} should be allowed");
            RunStateMachine.Ensure(42, from, to, kind);
        }
    }

    [Fact]
    public void EveryOtherTransition_IsRefusedWithAnErrorNamingIt()
    {
        var refused = 0;
        foreach (var (from, to, kind) in EveryTriple().Where(t => !Allowed.Contains(t)))
        {
            Assert.False(RunStateMachine.IsAllowed(from, to, kind), $"{from} → {to} by {kind} should be refused");
            var error = Assert.Throws<IllegalTransitionException>(() => RunStateMachine.Ensure(42, from, to, kind));
            Assert.Equal((42L, from, to, kind), (error.RunId, error.From, error.To, error.Kind));
            Assert.Contains($"from {from} to {to} by {kind}", error.Message, StringComparison.Ordinal);
            refused++;
        }

        Assert.Equal((9 * 9 * 15) - Allowed.Count, refused);
    }

    [Fact]
    public void TerminalStates_HaveNoWayOut()
    {
        foreach (var terminal in RunStates.All.Where(s => s.IsTerminal()))
        {
            Assert.Empty(RunStateMachine.NextStates(terminal));
            Assert.DoesNotContain(EveryTriple(), t => t.From == terminal && RunStateMachine.IsAllowed(t.From, t.To, t.Kind));
        }

        Assert.Equal(
            [RunState.Succeeded, RunState.Failed, RunState.TimedOut, RunState.Cancelled, RunState.UpstreamFailed],
            RunStates.All.Where(s => s.IsTerminal()));
    }

    [Fact]
    public void NextStates_MatchTheTable_AndCancelIsReachableFromEveryNonFinalState()
    {
        foreach (var from in RunStates.All)
        {
            Assert.Equal(
                Allowed.Where(t => t.From == from).Select(t => t.To).Distinct().Order(),
                RunStateMachine.NextStates(from).Order());
            if (!from.IsTerminal())
            {
                Assert.True(RunStateMachine.IsAllowed(from, RunState.Cancelled, TransitionKind.Cancelled), $"{from} cannot be cancelled");
            }
        }
    }

    [Fact]
    public void Created_IsNeverATransition_AndRunsStartPendingQueuedOrUpstreamFailed()
    {
        Assert.DoesNotContain(EveryTriple(), t => t.Kind == TransitionKind.Created && RunStateMachine.IsAllowed(t.From, t.To, t.Kind));
        Assert.Equal([RunState.Pending, RunState.Queued, RunState.UpstreamFailed], RunStateMachine.InitialStates);
    }

    [Fact]
    public void OnlyAssignedAndRunningHoldAReservation()
    {
        Assert.Equal([RunState.Assigned, RunState.Running], RunStates.All.Where(s => s.HoldsReservation()));
    }
}
