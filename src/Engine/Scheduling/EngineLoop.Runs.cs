using Scheduler.Engine.Agents;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>Run commands: create, cancel, move, and the two ways a run leaves its worker (finish, requeue).</summary>
internal sealed partial class EngineLoop
{
    private readonly Dictionary<long, (Actor Actor, string? Reason)> _stopRequests = [];

    public EngineResult<RunSnapshot> Cancel(long runId, Actor actor, string? reason)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return NotActive(runId, "cancelled");
        }

        switch (run.State)
        {
            case RunState.Pending or RunState.Queued:
                Finish(run, RunState.Cancelled, TransitionKind.Cancelled, actor, reason ?? $"cancelled by {actor}", exitCode: null);
                return run.ToSnapshot();
            default:
                if (run.Stopping != StopIntent.Cancel)
                {
                    // Cancel wins over a preemption or release already under way: the run must not come back.
                    run.Stopping = StopIntent.Cancel;
                    _stopRequests[run.Id] = (actor, reason);
                    SaveRun(run, null);
                    StopOnWorker(run);
                }

                return run.ToSnapshot();
        }
    }

    public EngineResult<RunSnapshot> Move(long runId, MoveRequest request)
    {
        if (!request.Priority.IsDefined())
        {
            return EngineError.Invalid("priority", "Priority must be one of critical, high, medium, low, background.");
        }

        if (request.BeforeRunId is not null && request.AfterRunId is not null)
        {
            return EngineError.Invalid("beforeRunId", "Give beforeRunId or afterRunId, not both.");
        }

        if (!_runs.TryGetValue(runId, out var run))
        {
            return NotActive(runId, "moved");
        }

        if (run.State != RunState.Queued)
        {
            return EngineError.Conflict($"Run {runId} is {Name(run.State)}; only queued runs can be moved.");
        }

        if (Inherited(run) is { } inherited && inherited.Priority > request.Priority)
        {
            return EngineError.Conflict($"Run {runId} inherits {Name(inherited.Priority)} priority from run {inherited.From}, which waits for it; it cannot be moved below {Name(inherited.Priority)}.");
        }

        var target = request.BeforeRunId ?? request.AfterRunId;
        var field = request.BeforeRunId is not null ? "beforeRunId" : "afterRunId";
        var renumbered = new List<(long RunId, long Position)>();
        long position;
        if (target is null)
        {
            position = _queue.Find(runId) is { } at && at.Lane == request.Priority && _queue.InOrder(at.Lane).LastOrDefault() == runId
                ? at.Position
                : _queue.BackOf(request.Priority);
        }
        else if (target == runId)
        {
            return EngineError.Invalid(field, "A run cannot be placed next to itself.");
        }
        else if (_queue.Find(target.Value) is not { } targetAt)
        {
            return EngineError.Invalid(field, $"Run {target} is not queued.");
        }
        else if (targetAt.Lane != request.Priority)
        {
            return EngineError.Invalid(field, $"Run {target} is in the {Name(targetAt.Lane)} lane, not the {Name(request.Priority)} lane.");
        }
        else
        {
            position = _queue.PositionNextTo(target.Value, after: request.AfterRunId is not null, movingRunId: runId, renumbered);
        }

        foreach (var (otherId, otherPosition) in renumbered.Where(r => r.RunId != runId))
        {
            var other = _runs[otherId];
            other.QueuePosition = otherPosition;
            _dispatch.Remove(otherId);
            _dispatch.Add(otherId, ShapeOf(other), other.Priority, otherPosition, other.NotBefore, _now);
            SaveRun(other, null);
        }

        var fromLane = run.Priority;
        QueueRemove(runId);
        var where = target is null ? "to the back" : $"{(request.AfterRunId is null ? "before" : "after")} run {target}";
        var text = fromLane == request.Priority
            ? $"moved {where} of the {Name(fromLane)} lane"
            : $"moved from the {Name(fromLane)} lane to the {Name(request.Priority)} lane, {where}";
        ChangeState(run, RunState.Queued, TransitionKind.Reprioritised, request.Actor, text, r =>
        {
            r.Priority = request.Priority;
            r.BasePriority = request.Priority;
            r.InheritedFrom = null;
            r.QueuePosition = position;
            if (fromLane != request.Priority)
            {
                r.QueuedAt = _now;
            }
        });
        QueueAdd(run);
        return run.ToSnapshot();
    }

    /// <summary>Ends a run in a terminal state: frees its slot and reservation, and lets its dependents move on.</summary>
    private void Finish(RunRecord run, RunState state, TransitionKind kind, Actor actor, string reason, int? exitCode)
    {
        LeaveWorkerAndQueue(run);
        var failed = state is not RunState.Succeeded;
        ChangeState(run, state, kind, actor, reason, r =>
        {
            r.FinishedAt = _now;
            r.ExitCode = exitCode;
            r.Error = failed ? reason : null;
            r.Stopping = StopIntent.None;
            r.NotBefore = null;
        });
        _runs.Remove(run.Id);
        _stopRequests.Remove(run.Id);
        ForgetAsDependent(run);
        ReleaseDependents(run);
        _pendingDeadlines.Remove(run.Id);
        if (state == RunState.Succeeded)
        {
            FireCascades(run);
        }
    }

    /// <summary>Puts a run back in its lane as a new attempt (retry, preemption, release, loss).</summary>
    private void Requeue(RunRecord run, TransitionKind kind, Actor actor, string reason, bool front, DateTimeOffset? notBefore)
    {
        LeaveWorkerAndQueue(run);
        var position = front ? _queue.FrontOf(run.Priority) : _queue.BackOf(run.Priority);
        ChangeState(run, RunState.Queued, kind, actor, reason, r =>
        {
            r.Attempt++;
            r.OwnerWorker = null;
            r.Stopping = StopIntent.None;
            r.QueuePosition = position;
            r.QueuedAt = _now;
            r.NotBefore = notBefore;
            r.Pid = null;
            r.PidStartTicks = null;
        });
        _stopRequests.Remove(run.Id);
        QueueAdd(run);
    }

    private void LeaveWorkerAndQueue(RunRecord run)
    {
        QueueRemove(run.Id);
        if (run.State.HoldsReservation())
        {
            FreeSlot(run);
            if (run.OwnerWorker is not null && _workers.Find(run.OwnerWorker) is { } worker && worker.OwnedRuns.Contains(run.Id))
            {
                worker.Release(run.Id, run.Resources);
                _dirtyWorkers.Add(worker);
            }
        }
    }

    private EngineError NotActive(long runId, string verb)
    {
        var stored = _store.StatesOf([runId]);
        return stored.TryGetValue(runId, out var state)
            ? EngineError.Conflict($"Run {runId} already {Name(state)}; it cannot be {verb}.")
            : EngineError.NotFound($"Run {runId} does not exist.");
    }

    private static RunSpec BuildSpec(AgentDefinition agent, RunRequest request) => new()
    {
        ExecutionEnvironment = agent.ExecutionEnvironment,
        Command = agent.Command,
        Args = agent.Args,
        WorkingDirectory = agent.WorkingDirectory,
        Environment = agent.Environment,
        TimeoutSeconds = agent.TimeoutSeconds,
        Retry = agent.Retry,
        MaxConcurrency = agent.MaxConcurrency,
        Parameters = request.Parameters,
        Constraints = request.Constraints,
        PreemptionMode = request.PreemptionMode,
        TriggerRule = request.TriggerRule,
    };

    private static string Describe(List<long> runIds) =>
        runIds.Count == 1 ? $"run {runIds[0]}" : $"runs {string.Join(", ", runIds)}";

    internal static string Name(RunState state) => state switch
    {
        RunState.TimedOut => "timed out",
        RunState.UpstreamFailed => "upstream failed",
        _ => state.ToString().ToLowerInvariant(),
    };

    internal static string Name(Priority priority) => priority.ToString().ToLowerInvariant();

    private static StartOrder OrderFor(RunRecord run) =>
        new(run.Id, run.OwnerEpoch, run.Attempt, run.OwnerWorker!, run.AgentName, run.Spec, run.Resources);
}
