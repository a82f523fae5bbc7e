using System.Security.Claims;
using Scheduler.Dashboard.Security;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary><c>POST /api/runs/batch</c>: runs that depend on each other by key, created all or none. Needs <see cref="SchedulerPolicies.Operate"/>.</summary>
internal static class RunBatchEndpoints
{
    public static void MapRunBatchEndpoints(this IEndpointRouteBuilder api) =>
        api.MapPost("/runs/batch", CreateAsync).WithName("CreateRunBatch").WithTags("Runs").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Creates runs that depend on each other by key (dependsOnKeys), dependencies first; a cycle, an unknown key, a chain deeper than the limit or any bad run refuses the whole batch (400) and creates nothing.")
            .Produces<ListResponse<RunResponse>>(StatusCodes.Status201Created).ProducesProblems(400);

    private static async Task<IResult> CreateAsync(BatchRunsRequest request, IRunService runs, ClaimsPrincipal user)
    {
        var batch = request.ToBatch(user.ApiActor());
        if (!batch.Succeeded)
        {
            return ApiProblems.From(batch.Errors);
        }

        var created = await runs.CreateBatchAsync(batch.Value!);
        return created.ToResult(items => TypedResults.Created((string?)null, new ListResponse<RunResponse>([.. items.Select(r => r.ToResponse())], items.Count)));
    }
}
