using Microsoft.EntityFrameworkCore;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>Building the in-memory index from the database, and recovering from a crash.</summary>
internal sealed partial class EngineLoop
{
    /// <summary>
    /// Rebuilds every in-memory structure from the database: at start, and after a batch failed. Runs that are
    /// assigned or running keep their reservations; at start <see cref="RecoverInterruptedRuns"/> then deals with them.
    /// </summary>
    private void LoadState()
    {
        _runs.Clear();
        _queue.Clear();
        _dispatch.Clear();
        _pendingDeadlines.Clear();
        _agents.Clear();
        _agentNames.Clear();
        _schedules.Clear();
        _dependents.Clear();
        _activeByAgent.Clear();
        _active = 0;
        foreach (var worker in _workers.All)
        {
            worker.ClearReservations();
        }

        var (agents, schedules, runs, dependencies) = _store.WithContext(db =>
        (
            db.Agents.AsNoTracking().ToList(),
            db.Schedules.AsNoTracking().Where(s => s.DeletedAt == null).ToList(),
            db.Runs.AsNoTracking().Where(r => r.State < (int)RunState.Succeeded).ToList(),
            db.RunDependencies.AsNoTracking()
                .Where(d => db.Runs.Any(r => r.Id == d.RunId && r.State < (int)RunState.Succeeded))
                .ToList()
        ));

        foreach (var agent in agents)
        {
            _agentNames[agent.Id] = agent.Name;
            if (agent.DeletedAt is null)
            {
                _agents[agent.Id] = EntityMapping.ToInfo(agent);
            }
        }

        foreach (var schedule in schedules)
        {
            _schedules[schedule.Id] = EntityMapping.ToInfo(schedule);
        }

        var dependsOn = dependencies.GroupBy(d => d.RunId).ToDictionary(g => g.Key, g => (IReadOnlyList<long>)[.. g.Select(d => d.DependsOnRunId)]);
        foreach (var entity in runs)
        {
            var run = EntityMapping.ToRecord(entity, _agentNames.GetValueOrDefault(entity.AgentId, $"agent {entity.AgentId}"), dependsOn.GetValueOrDefault(entity.Id, []));
            _runs.Add(run.Id, run);
            switch (run.State)
            {
                case RunState.Queued:
                    QueueAdd(run);
                    break;
                case RunState.Assigned or RunState.Running:
                    HoldSlot(run);
                    if (run.OwnerWorker is not null && _workers.Find(run.OwnerWorker) is { } owner)
                    {
                        owner.Reserve(run.Id, run.Resources);
                    }

                    break;
            }
        }

        foreach (var run in _runs.Values.Where(r => r.State == RunState.Pending))
        {
            TrackDeadline(run);
            run.UnfinishedDependencies = 0;
            foreach (var dependency in run.DependsOn.Where(_runs.ContainsKey))
            {
                run.UnfinishedDependencies++;
                AddDependent(dependency, run.Id);
            }
        }

        _nextRunId = _store.MaxRunId();
    }

    /// <summary>
    /// The first batch after a start. Runs the database still shows as assigned or running belonged to a process
    /// that is gone (their agents were already killed by the orphan reaper): they are recorded lost and go back to
    /// the front of their lanes as a new attempt, unless a cancel was pending, which is honoured.
    /// </summary>
    private bool RecoverInterruptedRuns()
    {
        foreach (var run in _runs.Values.Where(r => r.State is RunState.Assigned or RunState.Running).OrderBy(r => r.Id).ToList())
        {
            var reason = $"the engine restarted while the run was {run.State.ToString().ToLowerInvariant()} on {run.OwnerWorker ?? "no worker"}";
            if (run.Stopping == StopIntent.Cancel)
            {
                Finish(run, RunState.Cancelled, TransitionKind.Cancelled, Actor.Engine, $"cancel completed: {reason}", exitCode: null);
            }
            else
            {
                Requeue(run, TransitionKind.Lost, Actor.Engine, reason, front: true, notBefore: null);
            }
        }

        foreach (var run in _runs.Values.Where(r => r.State == RunState.Pending).ToList())
        {
            ResolvePending(run);
        }

        return true;
    }

    private void HoldSlot(RunRecord run)
    {
        _active++;
        _activeByAgent[run.AgentId] = _activeByAgent.GetValueOrDefault(run.AgentId) + 1;
    }

    private void FreeSlot(RunRecord run)
    {
        _active--;
        var count = _activeByAgent.GetValueOrDefault(run.AgentId) - 1;
        if (count <= 0)
        {
            _activeByAgent.Remove(run.AgentId);
        }
        else
        {
            _activeByAgent[run.AgentId] = count;
        }
    }

    private void AddDependent(long dependency, long dependent)
    {
        if (!_dependents.TryGetValue(dependency, out var list))
        {
            _dependents[dependency] = list = [];
        }

        list.Add(dependent);
    }
}
