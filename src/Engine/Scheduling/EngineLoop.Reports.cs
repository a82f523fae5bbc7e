using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// What executions report back. Every report carries the owner epoch of the assignment it is about; a report
/// for an older epoch is stale (the run was requeued and reassigned since) and is rejected, so a worker that was
/// presumed gone can never overwrite the current owner's result.
/// </summary>
internal sealed partial class EngineLoop
{
    public Task<bool> ReportStartedAsync(string workerId, long runId, long epoch, int? processId, long? processStartTicks) =>
        InvokeAsync(() => Started(workerId, runId, epoch, processId, processStartTicks));

    public Task<bool> ReportExitedAsync(string workerId, long runId, long epoch, ExecutionExit exit) =>
        InvokeAsync(() => Exited(workerId, runId, epoch, exit));

    /// <summary>The run, if <paramref name="workerId"/> still owns it at <paramref name="epoch"/>.</summary>
    private RunRecord? OwnedBy(string workerId, long runId, long epoch) =>
        _runs.TryGetValue(runId, out var run) && run.State.HoldsReservation() && run.OwnerEpoch == epoch
        && string.Equals(run.OwnerWorker, workerId, StringComparison.OrdinalIgnoreCase)
            ? run
            : null;

    private bool Started(string workerId, long runId, long epoch, int? processId, long? processStartTicks)
    {
        if (OwnedBy(workerId, runId, epoch) is not { } run)
        {
            return false;
        }

        if (run.State == RunState.Assigned)
        {
            var where = processId is null ? $"on {run.OwnerWorker}" : $"on {run.OwnerWorker} as process {processId}";
            ChangeState(run, RunState.Running, TransitionKind.Started, WorkerActor(run), $"started {where}", r =>
            {
                r.StartedAt = _now;
                r.Pid = processId;
                r.PidStartTicks = processStartTicks;
            });

            // The worker's running share changed (its reservation did not): announce the worker too.
            if (_workers.Find(workerId) is { } owner)
            {
                _dirtyWorkers.Add(owner);
            }
        }

        return true;
    }

    private bool Exited(string workerId, long runId, long epoch, ExecutionExit exit)
    {
        if (OwnedBy(workerId, runId, epoch) is not { } run)
        {
            return false;
        }

        if (run.State == RunState.Assigned && exit.Kind != ExitKind.StartFailed && !(exit.Kind == ExitKind.Stopped && exit.ExitCode is null))
        {
            // The start report is still on its way (or was lost to a failed batch): the agent did run.
            ChangeState(run, RunState.Running, TransitionKind.Started, WorkerActor(run), $"started on {run.OwnerWorker}", r => r.StartedAt = _now);
        }

        var worker = WorkerActor(run);
        var request = _stopRequests.TryGetValue(runId, out var stop) ? stop : ((Actor Actor, string? Reason)?)null;
        switch (run.Stopping)
        {
            case StopIntent.Cancel:
                Finish(run, RunState.Cancelled, TransitionKind.Cancelled, request?.Actor ?? worker,
                    request?.Reason ?? $"cancelled{(request is null ? string.Empty : $" by {request.Value.Actor}")}; the agent was stopped", exit.ExitCode);
                return true;
            case StopIntent.Preempt when run.Spec.PreemptionMode == PreemptionMode.Cancel:
                Finish(run, RunState.Cancelled, TransitionKind.Cancelled, request?.Actor ?? Actor.Engine,
                    $"{request?.Reason ?? "preempted"}; its preemption mode is cancel", exit.ExitCode);
                return true;
            case StopIntent.Preempt:
                Requeue(run, TransitionKind.Preempted, request?.Actor ?? Actor.Engine, $"{request?.Reason ?? "preempted"}; back to the front of its lane", front: true, notBefore: null);
                return true;
            case StopIntent.Release:
                Requeue(run, TransitionKind.Released, request?.Actor ?? worker, request?.Reason ?? "released by its owner; back to the front of its lane", front: true, notBefore: null);
                return true;
        }

        switch (exit.Kind)
        {
            case ExitKind.TimedOut:
                Finish(run, RunState.TimedOut, TransitionKind.TimedOut, worker, $"ran longer than its {run.Spec.TimeoutSeconds} s timeout and was stopped", exit.ExitCode);
                break;
            case ExitKind.Completed when exit.ExitCode == 0:
                Finish(run, RunState.Succeeded, TransitionKind.Succeeded, worker, "exited with code 0", 0);
                break;
            case ExitKind.Stopped:
                Requeue(run, TransitionKind.Lost, worker, "its worker stopped it without being asked; back to the front of its lane", front: true, notBefore: null);
                break;
            default:
                Fail(run, worker, exit);
                break;
        }

        return true;
    }

    private void Fail(RunRecord run, Actor worker, ExecutionExit exit)
    {
        var what = exit.Kind == ExitKind.StartFailed ? $"could not start: {exit.Error}" : $"exited with code {exit.ExitCode}{(exit.Error is null ? string.Empty : $": {exit.Error}")}";
        run.Failures++;
        var retry = run.Spec.Retry;
        if (run.Failures < retry.Attempts)
        {
            var delay = retry.DelayBeforeRetry(run.Failures);
            Requeue(run, TransitionKind.RetryScheduled, Actor.Engine,
                $"attempt {run.Attempt} {what}; retry {run.Failures} of {retry.Attempts - 1} after {delay.TotalSeconds:0.#} s", front: false, notBefore: _now + delay);
        }
        else
        {
            var attempts = retry.Attempts > 1 ? $" (no retries left after {run.Failures} failures)" : string.Empty;
            Finish(run, RunState.Failed, TransitionKind.Failed, worker, $"{what}{attempts}", exit.ExitCode);
        }
    }

    private static Actor WorkerActor(RunRecord run) => new(ActorKind.Worker, run.OwnerWorker ?? "unknown");

    private bool BeginShutdown()
    {
        _shuttingDown = true;
        foreach (var run in _runs.Values.Where(r => r.State.HoldsReservation()).ToList())
        {
            if (run.Stopping == StopIntent.None)
            {
                run.Stopping = StopIntent.Release;
                _stopRequests[run.Id] = (Actor.Engine, "the engine is shutting down; back to the front of its lane");
                SaveRun(run, null);
            }

            StopOnWorker(run);
        }

        return true;
    }
}
