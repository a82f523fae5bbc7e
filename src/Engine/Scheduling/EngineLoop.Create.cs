using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Creating runs, alone or as a batch whose runs depend on each other by key. Everything is validated before
/// anything is written, so a refused request (or batch) changes nothing.
/// </summary>
internal sealed partial class EngineLoop
{
    public EngineResult<RunSnapshot> CreateRun(RunRequest request)
    {
        var errors = new List<EngineError>();
        var prepared = Prepare(request, string.Empty, errors, keyedDepth: 0);
        return errors.Count > 0 ? EngineResult.Fail<RunSnapshot>(errors) : Insert(prepared!, []).ToSnapshot();
    }

    /// <summary>
    /// Creates a batch atomically: keys must be unique, dependencies on keys must name runs of the batch, and the
    /// runs must form a DAG (a cycle is refused and named). Runs are created dependencies first.
    /// </summary>
    public EngineResult<IReadOnlyList<RunSnapshot>> CreateRuns(IReadOnlyList<BatchRunRequest> batch)
    {
        var errors = new List<EngineError>();
        if (batch.Count is 0 or > 1000)
        {
            return EngineError.Invalid("runs", "A batch holds 1 to 1000 runs.");
        }

        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(batch[i].Key) || batch[i].Key.Length > 100)
            {
                errors.Add(EngineError.Invalid($"runs[{i}].key", "Each run needs a key of 1 to 100 characters."));
            }
            else if (!keys.TryAdd(batch[i].Key, i))
            {
                errors.Add(EngineError.Invalid($"runs[{i}].key", $"Key '{batch[i].Key}' is used twice."));
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var key in batch[i].DependsOnKeys.Where(k => !keys.ContainsKey(k)))
            {
                errors.Add(EngineError.Invalid($"runs[{i}].dependsOnKeys", $"No run of the batch has key '{key}'."));
            }
        }

        if (errors.Count > 0)
        {
            return EngineResult.Fail<IReadOnlyList<RunSnapshot>>(errors);
        }

        var edges = batch.SelectMany(r => r.DependsOnKeys.Select(d => (r.Key, d))).ToList();
        if (DependencyGraph.FindCycle(edges) is { } cycle)
        {
            return EngineError.Invalid("runs", $"The runs depend on each other in a cycle: {string.Join(" → ", cycle)} → {cycle[0]}.");
        }

        var depths = DependencyGraph.Depths(edges);
        var order = batch.OrderBy(r => depths.GetValueOrDefault(r.Key)).ThenBy(r => keys[r.Key]).ToList();
        var prepared = new Dictionary<string, PreparedRun>();
        foreach (var item in order)
        {
            var keyedDepth = item.DependsOnKeys.Select(k => prepared.TryGetValue(k, out var p) ? p.Depth + 1 : 0).DefaultIfEmpty(0).Max();
            if (Prepare(item.Run, $"runs[{keys[item.Key]}].", errors, keyedDepth) is { } run)
            {
                prepared[item.Key] = run;
            }
        }

        if (errors.Count > 0)
        {
            return EngineResult.Fail<IReadOnlyList<RunSnapshot>>(errors);
        }

        var created = new Dictionary<string, RunRecord>();
        foreach (var item in order)
        {
            created[item.Key] = Insert(prepared[item.Key], [.. item.DependsOnKeys.Select(k => created[k].Id)]);
        }

        return batch.Select(r => created[r.Key].ToSnapshot()).ToList();
    }

    private sealed record PreparedRun(RunRequest Request, AgentInfo Agent, Priority Priority, ResourceVector Resources, List<long> DependsOn, Dictionary<long, (RunState State, int Depth)> Finished, int Depth);

    private PreparedRun? Prepare(RunRequest request, string prefix, List<EngineError> errors, int keyedDepth)
    {
        if (!_agents.TryGetValue(request.AgentId, out var agent))
        {
            errors.Add(EngineError.Invalid($"{prefix}agentId", $"Agent {request.AgentId} does not exist."));
            return null;
        }

        var before = errors.Count;
        var priority = request.Priority ?? Priority.Medium;
        var resources = request.Resources ?? agent.Definition.Resources;
        if (!priority.IsDefined())
        {
            errors.Add(EngineError.Invalid($"{prefix}priority", "Priority must be one of critical, high, medium, low, background."));
        }

        if (!Enum.IsDefined(request.PreemptionMode))
        {
            errors.Add(EngineError.Invalid($"{prefix}preemptionMode", "Preemption mode must be requeue or cancel."));
        }

        if (!Enum.IsDefined(request.TriggerRule))
        {
            errors.Add(EngineError.Invalid($"{prefix}triggerRule", "Trigger rule must be all_success or all_done."));
        }

        RunValidation.CheckPlacement(_workers, resources, request.Constraints, $"{prefix}resources", $"{prefix}constraints", errors);
        RunValidation.CheckParameters(request.Parameters, $"{prefix}parameters", errors);
        var dependencies = request.DependsOn.Distinct().ToList();
        var finished = _store.FinishedRuns([.. dependencies.Where(id => !_runs.ContainsKey(id))]);
        foreach (var dependency in dependencies.Where(id => !_runs.ContainsKey(id) && !finished.ContainsKey(id)))
        {
            errors.Add(EngineError.Invalid($"{prefix}dependsOn", $"Run {dependency} does not exist."));
        }

        var depth = dependencies.Select(id => (_runs.TryGetValue(id, out var active) ? active.Depth : finished.GetValueOrDefault(id).Depth) + 1)
            .Append(keyedDepth)
            .Max();
        if (depth > _options.MaxDependencyDepth)
        {
            errors.Add(EngineError.Invalid($"{prefix}dependsOn",
                $"The chain of dependencies would be {depth} deep; the limit is {_options.MaxDependencyDepth} (Scheduler:Engine:MaxDependencyDepth)."));
        }

        return errors.Count > before ? null : new PreparedRun(request, agent, priority, resources, dependencies, finished, depth);
    }

    private RunRecord Insert(PreparedRun prepared, IReadOnlyList<long> batchDependencies)
    {
        var request = prepared.Request;
        var dependencies = prepared.DependsOn.Concat(batchDependencies).Distinct().ToList();
        var blocking = request.TriggerRule == TriggerRule.AllSuccess
            ? prepared.Finished.Where(f => f.Value.State != RunState.Succeeded).Select(f => f.Key).Order().ToList()
            : [];
        var unfinished = dependencies.Where(_runs.ContainsKey).ToList();
        var state = blocking.Count > 0 ? RunState.UpstreamFailed : unfinished.Count > 0 ? RunState.Pending : RunState.Queued;
        var run = new RunRecord
        {
            Id = ++_nextRunId,
            AgentId = prepared.Agent.Id,
            AgentName = prepared.Agent.Name,
            ScheduleId = request.ScheduleId,
            State = state,
            Priority = prepared.Priority,
            RequestedPriority = prepared.Priority,
            BasePriority = prepared.Priority,
            Depth = prepared.Depth,
            Resources = prepared.Resources,
            Trigger = request.Trigger,
            CreatedBy = request.Actor.ToString(),
            CreatedAt = _now,
            Spec = BuildSpec(prepared.Agent.Definition, request),
            DependsOn = dependencies,
            UnfinishedDependencies = unfinished.Count,
            Version = 1,
        };

        string reason;
        switch (state)
        {
            case RunState.Queued:
                run.QueuePosition = _queue.BackOf(run.Priority);
                run.QueuedAt = _now;
                reason = $"queued in the {Name(run.Priority)} lane";
                break;
            case RunState.Pending:
                reason = $"waiting for {Describe(unfinished)}";
                break;
            default:
                run.FinishedAt = _now;
                run.Error = reason = $"{Describe(blocking)} ended badly";
                break;
        }

        _store.InsertRun(run);
        var entry = new RunTimelineEntry(_now, null, state, TransitionKind.Created, run.Attempt, null, request.Actor, reason);
        _store.InsertTransition(run.Id, entry);
        Announce(run, entry);
        if (state.IsTerminal())
        {
            return run;
        }

        _runs.Add(run.Id, run);
        if (state == RunState.Queued)
        {
            QueueAdd(run);
            return run;
        }

        TrackDeadline(run);
        foreach (var dependency in unfinished)
        {
            AddDependent(dependency, run.Id);
            ReevaluateInheritance(_runs[dependency]);
        }

        return run;
    }
}
