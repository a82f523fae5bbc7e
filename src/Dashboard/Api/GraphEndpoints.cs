using Microsoft.AspNetCore.Mvc;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary><c>GET /api/graph</c>: the dependency graph of runs, with states, and the schedules' cascades.</summary>
internal static class GraphEndpoints
{
    public static void MapGraphEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/graph", GetAsync).WithName("GetGraph").WithTags("Runs")
            .WithSummary("The runs within depth dependency hops of root, in both directions (or, without root, the unfinished runs and their direct neighbours), with states and edges; and every schedule with its cascades and dependencies.")
            .Produces<GraphResponse>().ProducesProblems(400, 404);

    private static async Task<IResult> GetAsync([AsParameters] GraphQuery query, IRunService runs, CancellationToken cancellationToken)
    {
        var errors = new List<EngineError>();
        long? root = string.IsNullOrEmpty(query.Root) ? null : QueryValues.Long(query.Root, "root", 1, long.MaxValue, 0, errors);
        var depth = QueryValues.Int(query.Depth, "depth", 0, GraphQuery.MaxDepth, GraphQuery.DefaultDepth, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        var graph = await runs.GetGraphAsync(root, depth, cancellationToken: cancellationToken);
        return root is { } id && graph.Runs.Count == 0
            ? ApiProblems.NotFound($"Run {id} does not exist.")
            : TypedResults.Ok(graph.ToResponse());
    }
}

/// <summary>The query string of <c>GET /api/graph</c>, read as text so a bad value is a 400 naming the parameter.</summary>
internal sealed class GraphQuery
{
    public const int DefaultDepth = 10;
    public const int MaxDepth = 50;

    /// <summary>The run to start from; omit for the unfinished runs and their direct neighbours.</summary>
    [FromQuery(Name = "root")]
    public string? Root { get; init; }

    /// <summary>How many dependency hops to follow from root, in both directions: 0 to 50 (default 10).</summary>
    [FromQuery(Name = "depth")]
    public string? Depth { get; init; }
}
