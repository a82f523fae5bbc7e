using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>Reading runs: <c>/api/runs</c> (paged history), one run, its log, and <c>/api/queue</c>.</summary>
internal static class RunReadEndpoints
{
    private const int DefaultLogLines = 1000;
    private const int MaxLogLines = 10_000;
    private const int DefaultRunsPerLane = 1000;
    private const int MaxRunsPerLane = 100_000;

    public static void MapRunReadEndpoints(this IEndpointRouteBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapGet(string.Empty, ListAsync).WithName("ListRuns")
            .WithSummary("Lists a page of runs (newest first by default), filtered by state, priority, agent, schedule or worker.")
            .Produces<ListResponse<RunResponse>>().ProducesProblems(400);
        runs.MapGet("/{id}", GetAsync).WithName("GetRun")
            .WithSummary("Gets a run with its specification, timeline (every transition with who and why) and dependents.")
            .Produces<RunDetailResponse>().ProducesProblems(400, 404);
        runs.MapGet("/{id}/logs", LogsAsync).WithName("GetRunLogs")
            .WithSummary("Reads up to max lines of a run's log after line number after.")
            .Produces<LogPageResponse>().ProducesProblems(400, 404);
        api.MapGet("/queue", QueueAsync).WithName("GetQueue").WithTags("Runs")
            .WithSummary("The five priority lanes with the first perLane (default 1000) queued runs of each in dispatch order and each lane's total, the active and pending runs, and the change-feed sequence they are current as of.")
            .Produces<QueueResponse>().ProducesProblems(400);
    }

    private static async Task<IResult> ListAsync([AsParameters] RunListQuery query, IRunService runs, CancellationToken cancellationToken)
    {
        var page = query.ToPage();
        if (!page.Succeeded)
        {
            return ApiProblems.From(page.Errors);
        }

        var (filter, skip, take) = page.Value;
        var found = await runs.ListAsync(filter, skip, take, cancellationToken);
        return TypedResults.Ok(new ListResponse<RunResponse>([.. found.Items.Select(r => r.ToResponse())], found.Total));
    }

    private static async Task<IResult> GetAsync(long id, IRunService runs, CancellationToken cancellationToken) =>
        await runs.GetAsync(id, cancellationToken) is { } detail ? TypedResults.Ok(detail.ToResponse()) : RunNotFound(id);

    private static async Task<IResult> LogsAsync(long id, string? after, string? max, IRunService runs, IRunLogs logs, CancellationToken cancellationToken)
    {
        var errors = new List<EngineError>();
        var afterLine = QueryValues.Long(after, "after", 0, long.MaxValue, 0, errors);
        var maxLines = QueryValues.Int(max, "max", 1, MaxLogLines, DefaultLogLines, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        if (await runs.GetAsync(id, cancellationToken) is null)
        {
            return RunNotFound(id);
        }

        var lines = await logs.ReadAsync(id, afterLine, maxLines, cancellationToken);
        return TypedResults.Ok(new LogPageResponse(id, [.. lines.Select(l => l.ToResponse())], lines.Count > 0 ? lines[^1].Number : afterLine));
    }

    private static async Task<IResult> QueueAsync(string? perLane, IRunService runs)
    {
        var errors = new List<EngineError>();
        var take = QueryValues.Int(perLane, "perLane", 1, MaxRunsPerLane, DefaultRunsPerLane, errors);
        return errors.Count > 0 ? ApiProblems.From(errors) : TypedResults.Ok((await runs.GetQueueAsync(take)).ToResponse());
    }

    private static IResult RunNotFound(long id) => ApiProblems.NotFound($"Run {id} does not exist.");
}
