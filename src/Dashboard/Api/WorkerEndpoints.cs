using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Api;

/// <summary><c>/api/workers</c>: where runs execute, with capacity and reservations.</summary>
internal static class WorkerEndpoints
{
    public static void MapWorkerEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/workers", ListAsync).WithName("ListWorkers").WithTags("Workers")
            .WithSummary("Lists the workers in configuration order: capacity, reserved and free resources, labels, status and owned runs.")
            .Produces<WorkerListResponse>();

    private static async Task<IResult> ListAsync(IWorkerService workers)
    {
        var (sequence, all) = await workers.ListAsync();
        return TypedResults.Ok(new WorkerListResponse([.. all.Select(w => w.ToResponse())], all.Count, sequence));
    }
}
