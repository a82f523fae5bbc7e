using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Dispatch: after every batch, queued runs are placed highest lane first and in lane order, as long as the
/// global and per-agent concurrency limits allow. A run that does not fit anywhere right now is skipped, so a
/// smaller run behind it can use the capacity that is free. Event-driven: there is no polling loop; a timer
/// wakes the loop only for retry backoffs and aging.
/// </summary>
internal sealed partial class EngineLoop
{
    private DateTimeOffset? _earliestBackoff;
    private DateTimeOffset _lastAging;

    private void Dispatch()
    {
        _earliestBackoff = null;
        if (_shuttingDown || _queue.Count == 0 || _active >= _options.MaxConcurrentRuns)
        {
            return;
        }

        var picks = new List<(RunRecord Run, WorkerState Worker)>();
        var pickedByAgent = new Dictionary<int, int>();
        var unplaceable = new HashSet<(ResourceVector, string)>();
        foreach (var runId in _queue.InDispatchOrder())
        {
            var run = _runs[runId];
            if (run.NotBefore is { } notBefore && notBefore > _now)
            {
                _earliestBackoff = _earliestBackoff is null || notBefore < _earliestBackoff ? notBefore : _earliestBackoff;
                continue;
            }

            var agentActive = _activeByAgent.GetValueOrDefault(run.AgentId) + pickedByAgent.GetValueOrDefault(run.AgentId);
            if (run.Spec.MaxConcurrency is { } limit && agentActive >= limit)
            {
                continue;
            }

            // Capacity only shrinks during a pass, so a shape that did not fit will not fit later in the same pass.
            var shape = (run.Resources, string.Join('\n', run.Spec.Constraints));
            if (unplaceable.Contains(shape))
            {
                continue;
            }

            var worker = _workers.Place(run.Resources, run.Spec.Constraints);
            if (worker is null)
            {
                unplaceable.Add(shape);
                continue;
            }

            worker.Reserve(run.Id, run.Resources);
            picks.Add((run, worker));
            pickedByAgent[run.AgentId] = pickedByAgent.GetValueOrDefault(run.AgentId) + 1;
            if (_active + picks.Count >= _options.MaxConcurrentRuns)
            {
                break;
            }
        }

        foreach (var (run, worker) in picks)
        {
            _queue.Remove(run.Id);
            HoldSlot(run);
            _dirtyWorkers.Add(worker);
            ChangeState(run, RunState.Assigned, TransitionKind.Assigned, Actor.Engine, $"placed on {worker.Id}", r =>
            {
                r.OwnerWorker = worker.Id;
                r.OwnerEpoch++;
                r.NotBefore = null;
            });
            var order = OrderFor(run);
            AfterCommit(() => _launcher.Launch(order));
        }
    }

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
            .Where(r => r.Priority < _options.AgingCeiling && r.QueuedAt is { } queuedAt && _now - queuedAt >= interval)
            .ToList();
        foreach (var run in due)
        {
            var from = run.Priority;
            var to = from.Raise(_options.AgingBoost, _options.AgingCeiling);
            var waited = _now - run.QueuedAt!.Value;
            _queue.Remove(run.Id);
            var position = _queue.BackOf(to);
            ChangeState(run, RunState.Queued, TransitionKind.Reprioritised, Actor.Engine,
                $"aged from the {Name(from)} lane to the {Name(to)} lane after waiting {(int)waited.TotalSeconds} s", r =>
                {
                    r.Priority = to;
                    r.QueuePosition = position;
                    r.QueuedAt = _now;
                });
            _queue.Add(run.Id, to, position);
        }
    }

    private DateTimeOffset? NextWakeTime()
    {
        DateTimeOffset? next = _earliestBackoff;
        if (_options.AgingIntervalSeconds > 0 && _queue.Count > 0)
        {
            var step = TimeSpan.FromSeconds(Math.Max(1, _options.AgingIntervalSeconds / 4.0));
            var aging = (_lastAging == default ? _now : _lastAging) + step;
            next = next is null || aging < next ? aging : next;
        }

        return next;
    }
}
