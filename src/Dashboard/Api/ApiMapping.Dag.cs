using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

public static partial class ApiMapping
{
    /// <summary>
    /// The engine batch a caller's runs describe, or every reason the edge can see why not, each named by the run's
    /// index (<c>runs[2].agentId</c>). Keys, cycles and the engine's own checks are left to the engine.
    /// </summary>
    public static EngineResult<IReadOnlyList<BatchRunRequest>> ToBatch(this BatchRunsRequest request, Actor actor)
    {
        var errors = new List<EngineError>();
        var batch = new List<BatchRunRequest>();
        for (var i = 0; i < request.Runs.Count; i++)
        {
            if (request.Runs[i] is not { } item)
            {
                errors.Add(EngineError.Invalid($"runs[{i}]", $"runs[{i}] must be an object."));
                continue;
            }

            var run = item.ToRunRequest(actor, $"runs[{i}].");
            if (run.Succeeded)
            {
                batch.Add(new BatchRunRequest { Key = item.Key ?? string.Empty, Run = run.Value!, DependsOnKeys = item.DependsOnKeys });
            }
            else
            {
                errors.AddRange(run.Errors);
            }
        }

        return errors.Count > 0 ? EngineResult.Fail<IReadOnlyList<BatchRunRequest>>(errors) : batch;
    }

    /// <summary>The dependency graph as the wire shows it.</summary>
    public static GraphResponse ToResponse(this RunGraph graph) => new(
        [.. graph.Runs.Select(r => new GraphRunResponse(r.RunId, r.AgentName, r.State, r.Priority, r.InheritedFrom, r.ScheduleId, r.CreatedAt))],
        [.. graph.Edges.Select(e => new GraphEdgeResponse(e.Dependent, e.DependsOn))],
        [.. graph.Schedules.Select(s => new GraphScheduleResponse(s.ScheduleId, s.Name, s.Type, s.Paused))],
        [.. graph.ScheduleEdges.Select(e => new GraphScheduleEdgeResponse(e.Schedule, e.Upstream, e.Cascade))],
        graph.Truncated);
}
