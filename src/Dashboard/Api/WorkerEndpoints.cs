using System.Security.Claims;
using Scheduler.Dashboard.Security;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Api;

/// <summary><c>/api/workers</c>: where runs execute, with capacity and reservations; drain and undrain need <see cref="SchedulerPolicies.Operate"/>.</summary>
internal static class WorkerEndpoints
{
    public static void MapWorkerEndpoints(this IEndpointRouteBuilder api)
    {
        var workers = api.MapGroup("/workers").WithTags("Workers");
        workers.MapGet(string.Empty, ListAsync).WithName("ListWorkers")
            .WithSummary("Lists the workers in configuration order: capacity, reserved and free resources, labels, state, heartbeat age and owned runs.")
            .Produces<WorkerListResponse>();
        workers.MapPost("/{id}/drain", DrainAsync).WithName("DrainWorker").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Stops placing new runs on the worker; what it runs finishes. 409 when it is offline.")
            .Produces<WorkerResponse>().ProducesProblems(404, 409);
        workers.MapPost("/{id}/undrain", UndrainAsync).WithName("UndrainWorker").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Lets a draining worker take new runs again. 409 when it is offline.")
            .Produces<WorkerResponse>().ProducesProblems(404, 409);
    }

    private static async Task<IResult> ListAsync(IWorkerService workers, TimeProvider time)
    {
        var (sequence, all) = await workers.ListAsync();
        var now = time.GetUtcNow();
        return TypedResults.Ok(new WorkerListResponse([.. all.Select(w => w.ToResponse(now))], all.Count, sequence));
    }

    private static async Task<IResult> DrainAsync(string id, IWorkerService workers, TimeProvider time, ClaimsPrincipal user) =>
        Answer(await workers.DrainAsync(id, user.ApiActor()), time);

    private static async Task<IResult> UndrainAsync(string id, IWorkerService workers, TimeProvider time, ClaimsPrincipal user) =>
        Answer(await workers.UndrainAsync(id, user.ApiActor()), time);

    private static IResult Answer(EngineResult<WorkerSnapshot> changed, TimeProvider time) =>
        changed.ToResult(worker => TypedResults.Ok(worker.ToResponse(time.GetUtcNow())));
}
