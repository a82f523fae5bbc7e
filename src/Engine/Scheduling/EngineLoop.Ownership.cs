using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Ownership (seed 003) and preemption (seed 004). A run in assigned or running has exactly one owner worker
/// and an owner epoch that grows with every change of owner; every claim is decided on the loop, so of many
/// callers picking the same run exactly one wins and the others get a conflict.
/// </summary>
internal sealed partial class EngineLoop
{
    private readonly Dictionary<long, (string Worker, List<long> Victims)> _preemptions = [];

    /// <summary>
    /// An operator (or a volunteering worker) claims a queued run for a worker. The worker must be able to take it
    /// (online, interactive, volunteering, labels, free capacity); an explicit pick may exceed the concurrency
    /// limits, which only bound what the dispatcher starts on its own.
    /// </summary>
    public EngineResult<RunSnapshot> Pick(long runId, string workerId, Actor actor)
    {
        if (_workers.Find(workerId) is not { } worker)
        {
            return EngineError.Invalid("workerId", $"Worker '{workerId}' does not exist.");
        }

        if (!_runs.TryGetValue(runId, out var run))
        {
            return NotActive(runId, "picked");
        }

        if (run.State != RunState.Queued)
        {
            var where = run.OwnerWorker is null ? string.Empty : $" on {run.OwnerWorker}";
            return EngineError.Conflict($"Run {runId} is {Name(run.State)}{where}; only a queued run can be picked.");
        }

        if (WhyCannotTake(worker, run) is { } refusal)
        {
            return EngineError.Conflict(refusal);
        }

        Assign(run, worker, TransitionKind.Picked, actor, $"picked by {actor} onto {worker.Id}");
        return run.ToSnapshot();
    }

    /// <summary>The owner gives an assigned or running run back: it is stopped gracefully and requeued at the front of its lane.</summary>
    public EngineResult<RunSnapshot> Release(long runId, Actor actor) =>
        StopOwned(runId, StopIntent.Release, actor, "released", $"released by {actor}; back to the front of its lane");

    /// <summary>An operator preempts a specific running run (requeued at the front of its lane, or cancelled by its preemption mode).</summary>
    public EngineResult<RunSnapshot> Preempt(long runId, Actor actor) =>
        StopOwned(runId, StopIntent.Preempt, actor, "preempted", $"preempted by {actor}");

    public EngineResult<PreemptionPreview> PreviewPreemption(long runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return NotActive(runId, "placed");
        }

        if (run.State is not (RunState.Queued or RunState.Pending))
        {
            return EngineError.Conflict($"Run {runId} is {Name(run.State)}{(run.OwnerWorker is null ? string.Empty : $" on {run.OwnerWorker}")}; only a waiting run can be placed.");
        }

        var automatic = _options.PreemptionEnabled && run.Priority >= _options.PreemptFrom;
        if (_workers.Place(run.Resources, run.Spec.Constraints, run.AgentName) is { } free)
        {
            return new PreemptionPreview(runId, free.Id, [], automatic, $"It fits on {free.Id} now; nothing would be stopped.");
        }

        var plan = PreemptionPlanner.Plan(run.Priority, run.Resources, run.Spec.Constraints, PlannerView(run), _now);
        if (plan is null)
        {
            return new PreemptionPreview(runId, null, [], automatic,
                $"No worker can make room for it: no set of running runs below {Name(run.Priority)} priority on one worker would free enough.");
        }

        var victims = plan.Victims.Select(v => _runs[v.RunId].ToSnapshot()).ToList();
        var list = string.Join(", ", victims.Select(v => $"run {v.Id} ({v.AgentName}, {Name(v.Priority)})"));
        return new PreemptionPreview(runId, plan.WorkerId, victims, automatic,
            $"It would go to {plan.WorkerId} after stopping {list}{(automatic ? "; the dispatcher does this by itself" : "; its priority does not preempt by itself")}.");
    }

    private EngineResult<RunSnapshot> StopOwned(long runId, StopIntent intent, Actor actor, string verb, string reason)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return NotActive(runId, verb);
        }

        if (!run.State.HoldsReservation())
        {
            return EngineError.Conflict($"Run {runId} is {Name(run.State)}; only a run that is owned (assigned or running) can be {verb}.");
        }

        if (run.Stopping == intent)
        {
            return run.ToSnapshot();
        }

        if (run.Stopping != StopIntent.None)
        {
            return EngineError.Conflict($"Run {runId} is already being stopped ({run.Stopping.ToString().ToLowerInvariant()}).");
        }

        RequestStop(run, intent, actor, reason);
        return run.ToSnapshot();
    }

    private void RequestStop(RunRecord run, StopIntent intent, Actor actor, string reason)
    {
        run.Stopping = intent;
        _stopRequests[run.Id] = (actor, reason);
        SaveRun(run, null);
        StopOnWorker(run);
    }

    /// <summary>Assigns a queued run to a worker: reservation, slot, owner and a new epoch, in one persisted transition.</summary>
    private void Assign(RunRecord run, WorkerState worker, TransitionKind kind, Actor actor, string reason)
    {
        if (!worker.OwnedRuns.Contains(run.Id))
        {
            worker.Reserve(run.Id, run.Resources);
        }

        QueueRemove(run.Id);
        HoldSlot(run);
        _preemptions.Remove(run.Id);
        _dirtyWorkers.Add(worker);
        ChangeState(run, RunState.Assigned, kind, actor, reason, r =>
        {
            r.OwnerWorker = worker.Id;
            r.OwnerEpoch++;
            r.NotBefore = null;
        });
        var order = OrderFor(run);
        var connection = worker.Connection!;
        AfterCommit(() => connection.StartRun(order));
    }

    private static string? WhyCannotTake(WorkerState worker, RunRecord run)
    {
        if (!worker.Interactive)
        {
            return $"Worker {worker.Id} is not interactive; it never picks runs.";
        }

        if (worker.Status != WorkerStatus.Online || worker.Connection is null)
        {
            return $"Worker {worker.Id} is {worker.Status.ToString().ToLowerInvariant()}; it takes no new runs.";
        }

        if (!worker.Volunteers(run.AgentName))
        {
            return $"Worker {worker.Id} does not volunteer for agent {run.AgentName}.";
        }

        if (!WorkerConstraints.Satisfied(worker.Labels, run.Spec.Constraints))
        {
            return $"Worker {worker.Id} does not have the labels the run needs ({string.Join(", ", run.Spec.Constraints)}).";
        }

        return run.Resources.LargestShortfall(worker.Free) is { } shortfall
            ? $"Run {run.Id} does not fit on {worker.Id}: it is {ResourceVector.Describe(shortfall.Dimension, shortfall.Short)} short (free now: {worker.Free})."
            : null;
    }

    /// <summary>
    /// After a dispatch pass: queued runs of a preempting priority that still did not fit ask the planner for the
    /// cheapest victims on one worker; those are asked to stop (grace period, then kill) and the run waits for them.
    /// Nothing is stopped when no victim set would make it fit.
    /// </summary>
    private void PreemptForBlockedRuns(HashSet<long> placed)
    {
        if (!_options.PreemptionEnabled || _active >= _options.MaxConcurrentRuns)
        {
            return;
        }

        // What runs on each worker, built once per scan rather than once per planned run; a worker whose runs were
        // just asked to stop is built again, so those runs are not chosen twice.
        var running = new Dictionary<WorkerState, PreemptionCandidate[]>();

        // A shape and priority that found no victims finds none later in the same scan: stopping runs only takes
        // candidates away, and nothing is reserved meanwhile.
        var noVictims = new HashSet<(RunShape, Priority)>();
        foreach (var lane in Priorities.HighestFirst.Where(p => p >= _options.PreemptFrom))
        {
            foreach (var runId in _queue.InOrder(lane).Take(32).ToList())
            {
                var run = _runs[runId];
                if (placed.Contains(runId) || _preemptions.ContainsKey(runId) || (run.NotBefore is { } due && due > _now)
                    || (run.Spec.MaxConcurrency is { } limit && _activeByAgent.GetValueOrDefault(run.AgentId) >= limit))
                {
                    continue;
                }

                var key = (ShapeOf(run), run.Priority);
                if (noVictims.Contains(key))
                {
                    continue;
                }

                var plan = PreemptionPlanner.Plan(run.Priority, run.Resources, run.Spec.Constraints, PlannerView(run, running), _now);
                if (plan is not { NeedsPreemption: true })
                {
                    noVictims.Add(key);
                    continue;
                }

                running.Remove(_workers.Find(plan.WorkerId)!);

                foreach (var victim in plan.Victims)
                {
                    var reason = $"preempted for run {run.Id} ({run.AgentName}, {Name(run.Priority)} priority) on {plan.WorkerId}";
                    RequestStop(_runs[victim.RunId], StopIntent.Preempt, Actor.Engine, reason);
                }

                _preemptions[runId] = (plan.WorkerId, [.. plan.Victims.Select(v => v.RunId)]);
            }
        }
    }

    /// <summary>
    /// The workers the run could ever go to (the planner skips the others), each with what runs on it, taken from
    /// <paramref name="running"/> when given (and added to it when missing).
    /// </summary>
    private IEnumerable<PreemptionWorker> PlannerView(RunRecord run, Dictionary<WorkerState, PreemptionCandidate[]>? running = null) =>
        _workers.All.Where(w => w.AcceptsWork && w.Volunteers(run.AgentName) && run.Resources.FitsWithin(w.Capacity)
            && WorkerConstraints.Satisfied(w.Labels, run.Spec.Constraints)).Select(w => new PreemptionWorker(
            w.Id,
            w.Capacity,
            w.Free,
            w.Labels,
            w.AcceptsWork,
            running is null ? Candidates(w) : running.TryGetValue(w, out var known) ? known : running[w] = Candidates(w)));

    private PreemptionCandidate[] Candidates(WorkerState worker) =>
        [.. worker.OwnedRuns.Select(id => _runs[id]).Select(r => new PreemptionCandidate(r.Id, r.Priority, r.Resources, r.StartedAt ?? _now, r.Stopping == StopIntent.None))];
}
