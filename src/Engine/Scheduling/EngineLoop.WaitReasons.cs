using System.Globalization;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>"Why is it waiting?": computed on demand from the live state, never stored, so it is always current.</summary>
internal sealed partial class EngineLoop
{
    public IReadOnlyDictionary<long, WaitReason> WhyWaiting(IReadOnlyCollection<long> runIds)
    {
        var ahead = AheadOf(runIds);
        var reasons = new Dictionary<long, WaitReason>();
        foreach (var id in runIds)
        {
            if (_runs.TryGetValue(id, out var run) && WhyWaiting(run, ahead.GetValueOrDefault(id)) is { } reason)
            {
                reasons[id] = reason;
            }
        }

        return reasons;
    }

    private WaitReason? WhyWaiting(RunRecord run, int ahead)
    {
        if (run.State == RunState.Pending)
        {
            var unfinished = run.DependsOn.Where(_runs.ContainsKey).Order().ToList();
            return new WaitReason
            {
                Kind = WaitReasonKind.Dependencies,
                WaitingFor = unfinished,
                Message = unfinished.Count == 0
                    ? "its dependencies have finished; it is being queued"
                    : $"waiting for {string.Join(", ", unfinished.Select(d => $"run {d} ({_runs[d].AgentName}, {Name(_runs[d].State)})"))}",
            };
        }

        if (run.State != RunState.Queued)
        {
            return null;
        }

        var behind = ahead == 0 ? string.Empty : $"; {ahead} {(ahead == 1 ? "run is" : "runs are")} ahead of it";
        if (run.NotBefore is { } until && until > _time.GetUtcNow())
        {
            return new WaitReason { Kind = WaitReasonKind.RetryBackoff, Until = until, Ahead = ahead, Message = $"retrying after its backoff ends at {until.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC{behind}" };
        }

        if (run.Spec.MaxConcurrency is { } limit && _activeByAgent.GetValueOrDefault(run.AgentId) >= limit)
        {
            return new WaitReason { Kind = WaitReasonKind.AgentConcurrency, Limit = limit, Ahead = ahead, Message = $"agent {run.AgentName} already runs {limit} of its limit of {limit}{behind}" };
        }

        if (_active >= _options.MaxConcurrentRuns)
        {
            return new WaitReason { Kind = WaitReasonKind.GlobalConcurrency, Limit = _options.MaxConcurrentRuns, Ahead = ahead, Message = $"all {_options.MaxConcurrentRuns} run slots are in use{behind}" };
        }

        if (_preemptions.TryGetValue(run.Id, out var preemption))
        {
            return new WaitReason
            {
                Kind = WaitReasonKind.PreemptionInProgress,
                WaitingFor = preemption.Victims,
                ClosestWorker = preemption.Worker,
                Ahead = ahead,
                Message = $"waiting for preempted {(preemption.Victims.Count == 1 ? "run" : "runs")} {string.Join(", ", preemption.Victims)} to stop on {preemption.Worker}",
            };
        }

        var candidates = _workers.All.Where(w => w.Interactive && w.Volunteers(run.AgentName) && run.Resources.FitsWithin(w.Capacity) && WorkerConstraints.Satisfied(w.Labels, run.Spec.Constraints)).ToList();
        var online = candidates.Where(w => w.AcceptsWork).ToList();
        if (candidates.Count == 0)
        {
            return new WaitReason { Kind = WaitReasonKind.NoMatchingWorker, Ahead = ahead, Message = $"no worker that runs agent {run.AgentName} can hold it: it needs {run.Resources}{(run.Spec.Constraints.Count == 0 ? string.Empty : $" with {string.Join(", ", run.Spec.Constraints)}")}" };
        }

        if (online.Count == 0)
        {
            return new WaitReason { Kind = WaitReasonKind.WorkersDraining, Ahead = ahead, Message = $"the workers it fits on ({string.Join(", ", candidates.Select(w => w.Id))}) are draining or offline{behind}" };
        }

        if (online.Any(w => run.Resources.FitsWithin(w.Free)))
        {
            return ahead > 0
                ? new WaitReason { Kind = WaitReasonKind.HigherPriorityAhead, Ahead = ahead, Message = $"it fits, but {ahead} {(ahead == 1 ? "run is" : "runs are")} ahead of it" }
                : new WaitReason { Kind = WaitReasonKind.Dispatching, Message = "it is being placed" };
        }

        var closest = online.Select(w => (Worker: w, Short: run.Resources.LargestShortfall(w.Free)!.Value))
            .OrderBy(c => c.Short.Short / Math.Max(run.Resources[c.Short.Dimension], double.Epsilon))
            .ThenBy(c => c.Worker.Id, StringComparer.Ordinal)
            .First();
        return new WaitReason
        {
            Kind = WaitReasonKind.NoCapacity,
            ClosestWorker = closest.Worker.Id,
            Dimension = closest.Short.Dimension,
            Shortfall = closest.Short.Short,
            Ahead = ahead,
            Message = $"no worker has room: {closest.Worker.Id} (the closest fit) is {ResourceVector.Describe(closest.Short.Dimension, closest.Short.Short)} short{behind}",
        };
    }

    /// <summary>How many queued runs are ahead of each of these runs in dispatch order, in one walk of the lanes.</summary>
    private Dictionary<long, int> AheadOf(IReadOnlyCollection<long> runIds)
    {
        var wanted = runIds.Where(id => _queue.Contains(id)).ToHashSet();
        var ahead = new Dictionary<long, int>(wanted.Count);
        var position = 0;
        foreach (var lane in Priorities.HighestFirst)
        {
            if (!wanted.Any(id => _queue.Find(id)?.Lane == lane))
            {
                position += _queue.CountIn(lane);
                continue;
            }

            foreach (var id in _queue.InOrder(lane))
            {
                if (wanted.Contains(id))
                {
                    ahead[id] = position;
                    if (ahead.Count == wanted.Count)
                    {
                        return ahead;
                    }
                }

                position++;
            }
        }

        return ahead;
    }
}
