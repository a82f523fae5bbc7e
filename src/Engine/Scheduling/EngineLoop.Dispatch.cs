using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Dispatch: after every batch, queued runs are placed highest lane first and in lane order, as long as the
/// global and per-agent concurrency limits allow. A run that does not fit anywhere right now is skipped, so a
/// smaller run behind it can use the capacity that is free, except capacity that victims of a preemption are
/// freeing: while their preemptor waits, runs of lower priority than it are not placed on that worker, or a
/// victim that stopped first would take the room back before the others finished stopping.
/// Event-driven: there is no polling loop; a timer wakes the loop only for retry backoffs and aging.
/// </summary>
internal sealed partial class EngineLoop
{
    private static readonly IReadOnlyDictionary<string, Priority> NoEarmarks = new Dictionary<string, Priority>();
    private readonly DispatchIndex _dispatch = new();
    private DateTimeOffset _lastAging;

    private void Dispatch()
    {
        _dispatch.Release(_now);
        if (_shuttingDown || _dispatch.Count == 0)
        {
            return;
        }

        var picks = new List<(RunRecord Run, WorkerState Worker)>();
        var pickedByAgent = new Dictionary<int, int>();
        ForgetSettledPreemptions();
        var earmarked = EarmarkedWorkers();
        var largestFree = _workers.LargestFree();
        _dispatch.Walk(
            (runId, shape) =>
            {
                if (!shape.Resources.FitsWithin(largestFree))
                {
                    return false;
                }

                var run = _runs[runId];
                var agentActive = _activeByAgent.GetValueOrDefault(run.AgentId) + pickedByAgent.GetValueOrDefault(run.AgentId);
                if (run.Spec.MaxConcurrency is { } limit && agentActive >= limit)
                {
                    return false;
                }

                var worker = earmarked.Count == 0
                    ? _workers.Place(shape.Resources, run.Spec.Constraints, run.AgentName)
                    : _workers.Place(shape.Resources, run.Spec.Constraints, run.AgentName, w => !earmarked.TryGetValue(w.Id, out var floor) || run.Priority >= floor);
                if (worker is null)
                {
                    return false;
                }

                worker.Reserve(run.Id, run.Resources);
                picks.Add((run, worker));
                if (_preemptions.Remove(run.Id))
                {
                    // The preemptor got its room: runs below it may use what is left on that worker in this pass.
                    earmarked = EarmarkedWorkers();
                }

                pickedByAgent[run.AgentId] = pickedByAgent.GetValueOrDefault(run.AgentId) + 1;
                return true;
            },
            () => _active + picks.Count >= _options.MaxConcurrentRuns);

        var placed = new HashSet<long>();
        foreach (var (run, worker) in picks)
        {
            placed.Add(run.Id);
            Assign(run, worker, TransitionKind.Assigned, Actor.Engine, $"placed on {worker.Id}");
        }

        PreemptForBlockedRuns(placed);
    }

    /// <summary>
    /// Forgets preemptions that no longer hold anything: the preemptor left the queue, or its victims all finished
    /// stopping, so their room is free now and the preemptor, higher in the walk than anything it may preempt,
    /// takes it in this very pass.
    /// </summary>
    private void ForgetSettledPreemptions()
    {
        if (_preemptions.Count == 0)
        {
            return;
        }

        foreach (var (preemptor, pending) in _preemptions.ToList())
        {
            if (!_runs.TryGetValue(preemptor, out var waiting) || waiting.State != RunState.Queued
                || pending.Victims.All(v => !_runs.TryGetValue(v, out var victim) || victim.Stopping != StopIntent.Preempt))
            {
                _preemptions.Remove(preemptor);
            }
        }
    }

    /// <summary>Workers being freed for a waiting preemptor, each with the lowest priority still allowed onto it.</summary>
    private IReadOnlyDictionary<string, Priority> EarmarkedWorkers()
    {
        if (_preemptions.Count == 0)
        {
            return NoEarmarks;
        }

        var earmarked = new Dictionary<string, Priority>();
        foreach (var (preemptor, pending) in _preemptions)
        {
            if (_runs.TryGetValue(preemptor, out var run) && run.State == RunState.Queued
                && (!earmarked.TryGetValue(pending.Worker, out var floor) || run.Priority < floor))
            {
                earmarked[pending.Worker] = run.Priority;
            }
        }

        return earmarked;
    }

    /// <summary>Adds a run to its lane (operators' order) and to the dispatch index, from its current fields.</summary>
    private void QueueAdd(RunRecord run)
    {
        _queue.Add(run.Id, run.Priority, run.QueuePosition);
        _dispatch.Add(run.Id, ShapeOf(run), run.Priority, run.QueuePosition, run.NotBefore, _now);
    }

    private void QueueRemove(long runId)
    {
        _queue.Remove(runId);
        _dispatch.Remove(runId);
    }

    private static RunShape ShapeOf(RunRecord run) => RunShape.Of(run.AgentId, run.Resources, run.Spec.Constraints);

    /// <summary>
    /// Aging (seed 001's priority_boost): a queued run that has waited <see cref="Hosting.EngineOptions.AgingIntervalSeconds"/>
    /// in its lane moves up by <see cref="Hosting.EngineOptions.AgingBoost"/> lanes, to the back of the new lane,
    /// never above the ceiling, so a low-priority run cannot starve for ever.
    /// </summary>
    private void AgeQueuedRuns()
    {
        if (_options.AgingIntervalSeconds <= 0)
        {
            return;
        }

        _lastAging = _now;
        var interval = TimeSpan.FromSeconds(_options.AgingIntervalSeconds);
        var due = _queue.InDispatchOrder()
            .Select(id => _runs[id])
            .Where(r => r.InheritedFrom is null && r.Priority < _options.AgingCeiling && r.QueuedAt is { } queuedAt && _now - queuedAt >= interval)
            .ToList();
        foreach (var run in due)
        {
            var from = run.Priority;
            var to = from.Raise(_options.AgingBoost, _options.AgingCeiling);
            var waited = _now - run.QueuedAt!.Value;
            QueueRemove(run.Id);
            var position = _queue.BackOf(to);
            ChangeState(run, RunState.Queued, TransitionKind.Reprioritised, Actor.Engine,
                $"aged from the {Name(from)} lane to the {Name(to)} lane after waiting {(int)waited.TotalSeconds} s", r =>
                {
                    r.Priority = to;
                    r.BasePriority = to;
                    r.QueuePosition = position;
                    r.QueuedAt = _now;
                });
            QueueAdd(run);
        }
    }

    private DateTimeOffset? NextWakeTime()
    {
        var next = Earliest(Earliest(_dispatch.NextDue, NextLeaseExpiry()), _pendingDeadlines.Next);
        if (_options.AgingIntervalSeconds > 0 && _queue.Count > 0)
        {
            var step = TimeSpan.FromSeconds(Math.Max(1, _options.AgingIntervalSeconds / 4.0));
            var aging = (_lastAging == default ? _now : _lastAging) + step;
            next = Earliest(next, aging);
        }

        return next;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
