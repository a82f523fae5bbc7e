using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Dependencies between runs: a pending run waits until its dependencies finish, then joins its lane; trigger
/// rules decide what a dependency that ended badly means; a run that waits too long fails; and while a pending
/// run waits, the runs it waits for inherit its priority (priority inheritance), transitively.
/// </summary>
internal sealed partial class EngineLoop
{
    private readonly DeadlineSet _pendingDeadlines = new();

    /// <summary>A pending run whose dependencies may all have finished (at start, after recovery).</summary>
    private void ResolvePending(RunRecord run)
    {
        var finished = _store.StatesOf([.. run.DependsOn.Where(id => !_runs.ContainsKey(id))]);
        var bad = finished.Where(f => f.Value != RunState.Succeeded).Select(f => f.Key).Order().ToList();
        if (bad.Count > 0 && run.Spec.TriggerRule == TriggerRule.AllSuccess)
        {
            Finish(run, RunState.UpstreamFailed, TransitionKind.UpstreamFailed, Actor.Engine, $"{Describe(bad)} ended badly", exitCode: null);
        }
        else if (run.UnfinishedDependencies == 0)
        {
            Enqueue(run, TransitionKind.DependenciesMet, "every dependency finished");
        }
        else
        {
            TrackDeadline(run);
        }
    }

    private void ReleaseDependents(RunRecord finished)
    {
        if (!_dependents.Remove(finished.Id, out var dependents))
        {
            return;
        }

        foreach (var dependentId in dependents)
        {
            if (!_runs.TryGetValue(dependentId, out var dependent) || dependent.State != RunState.Pending)
            {
                continue;
            }

            if (finished.State != RunState.Succeeded && dependent.Spec.TriggerRule == TriggerRule.AllSuccess)
            {
                Finish(dependent, RunState.UpstreamFailed, TransitionKind.UpstreamFailed, Actor.Engine,
                    $"run {finished.Id} ({finished.AgentName}) ended {Name(finished.State)}", exitCode: null);
            }
            else if (--dependent.UnfinishedDependencies == 0)
            {
                Enqueue(dependent, TransitionKind.DependenciesMet,
                    dependent.Spec.TriggerRule == TriggerRule.AllDone ? "every dependency finished (trigger rule all_done)" : "every dependency succeeded");
            }
        }
    }

    /// <summary>A run that left the pending state no longer waits: its dependencies stop inheriting its priority.</summary>
    private void ForgetAsDependent(RunRecord run)
    {
        foreach (var dependency in run.DependsOn)
        {
            if (_dependents.TryGetValue(dependency, out var list) && list.Remove(run.Id) && _runs.TryGetValue(dependency, out var upstream))
            {
                ReevaluateInheritance(upstream);
            }
        }
    }

    private void Enqueue(RunRecord run, TransitionKind kind, string reason)
    {
        _pendingDeadlines.Remove(run.Id);
        ForgetAsDependent(run);
        var position = _queue.BackOf(run.Priority);
        ChangeState(run, RunState.Queued, kind, Actor.Engine, reason, r =>
        {
            r.QueuePosition = position;
            r.QueuedAt = _now;
        });
        QueueAdd(run);
    }

    private void TrackDeadline(RunRecord run)
    {
        if (_options.DependencyTimeoutSeconds > 0)
        {
            _pendingDeadlines.Set(run.Id, run.CreatedAt + TimeSpan.FromSeconds(_options.DependencyTimeoutSeconds));
        }
    }

    /// <summary>Pending runs that waited longer than the dependency timeout fail, naming what they waited for.</summary>
    private void ExpireDependencyWaits()
    {
        foreach (var id in _pendingDeadlines.TakeDue(_now))
        {
            if (_runs.TryGetValue(id, out var run) && run.State == RunState.Pending)
            {
                var waiting = run.DependsOn.Where(_runs.ContainsKey).Order().ToList();
                Finish(run, RunState.Failed, TransitionKind.Failed, Actor.Engine,
                    $"waited longer than the dependency timeout ({_options.DependencyTimeoutSeconds} s) for {Describe(waiting)}", exitCode: null);
            }
        }
    }

    /// <summary>
    /// The highest priority among the pending runs that wait for <paramref name="run"/>, and which one it is;
    /// null when none waits at a higher priority than the run's own.
    /// </summary>
    private (Priority Priority, long From)? Inherited(RunRecord run)
    {
        (Priority Priority, long From)? best = null;
        if (_dependents.TryGetValue(run.Id, out var dependents))
        {
            foreach (var id in dependents)
            {
                if (_runs.TryGetValue(id, out var dependent) && dependent.State == RunState.Pending
                    && dependent.Priority > run.BasePriority && (best is null || dependent.Priority > best.Value.Priority))
                {
                    best = (dependent.Priority, id);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Recomputes a run's effective priority (its own, or a higher one inherited from a pending dependent) and,
    /// when it changed, moves it to its new lane and passes the change on to the runs it waits for.
    /// </summary>
    private void ReevaluateInheritance(RunRecord run)
    {
        var inherited = Inherited(run);
        var effective = inherited?.Priority ?? run.BasePriority;
        var from = inherited?.From;
        if (effective == run.Priority && from == run.InheritedFrom)
        {
            return;
        }

        var reason = from is null
            ? $"no longer inherits a priority; back to {Name(effective)}"
            : $"inherits {Name(effective)} priority from run {from}, which waits for it";
        if (run.State == RunState.Queued)
        {
            QueueRemove(run.Id);
            var position = _queue.BackOf(effective);
            ChangeState(run, RunState.Queued, TransitionKind.Reprioritised, Actor.Engine, reason, r =>
            {
                r.Priority = effective;
                r.InheritedFrom = from;
                r.QueuePosition = position;
            });
            QueueAdd(run);
        }
        else
        {
            run.Priority = effective;
            run.InheritedFrom = from;
            SaveRun(run, null);
        }

        if (run.State == RunState.Pending)
        {
            foreach (var dependency in run.DependsOn)
            {
                if (_runs.TryGetValue(dependency, out var upstream))
                {
                    ReevaluateInheritance(upstream);
                }
            }
        }
    }
}
