using System.Security.Claims;
using Scheduler.Dashboard.Security;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// Ownership and preemption of runs (issue 4, seeds 003 and 004): pick, release, preempt, and the preemption
/// preview. Commands need <see cref="SchedulerPolicies.Operate"/>; a refusal says why (409) and changes nothing.
/// </summary>
internal static class RunOwnershipEndpoints
{
    public static void MapRunOwnershipEndpoints(this IEndpointRouteBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapPost("/{id}/pick", PickAsync).WithName("PickRun").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Assigns a queued run to a worker, which becomes its only owner; 409 says why not (not queued, picked by someone else, does not fit by how much, worker draining or not volunteering).")
            .Produces<RunResponse>().ProducesProblems(400, 404, 409);
        runs.MapPost("/{id}/release", ReleaseAsync).WithName("ReleaseRun").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Gives an owned (assigned or running) run back: it is stopped gracefully and requeued at the front of its lane as a new attempt.")
            .Produces<RunResponse>(StatusCodes.Status202Accepted).ProducesProblems(400, 404, 409);
        runs.MapPost("/{id}/preempt", PreemptAsync).WithName("PreemptRun").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Preempts an assigned or running run: stopped gracefully, then requeued at the front of its lane (or cancelled, by its preemption mode).")
            .Produces<RunResponse>(StatusCodes.Status202Accepted).ProducesProblems(400, 404, 409);
        runs.MapGet("/{id}/preemption-preview", PreviewAsync).WithName("PreviewPreemption")
            .WithSummary("If this waiting run were placed now: on which worker, and which running runs would be preempted. Changes nothing.")
            .Produces<PreemptionPreviewResponse>().ProducesProblems(400, 404, 409);
    }

    private static async Task<IResult> PickAsync(long id, PickRunRequest request, IRunService runs, ClaimsPrincipal user)
    {
        if (string.IsNullOrEmpty(request.WorkerId))
        {
            return ApiProblems.Invalid("workerId", "workerId is required.");
        }

        var picked = await runs.PickAsync(id, request.WorkerId, user.ApiActor());
        return picked.ToResult(run => TypedResults.Ok(run.ToResponse()));
    }

    private static async Task<IResult> ReleaseAsync(long id, IRunService runs, ClaimsPrincipal user) =>
        Accepted(await runs.ReleaseAsync(id, user.ApiActor()));

    private static async Task<IResult> PreemptAsync(long id, IRunService runs, ClaimsPrincipal user) =>
        Accepted(await runs.PreemptAsync(id, user.ApiActor()));

    private static async Task<IResult> PreviewAsync(long id, IRunService runs) =>
        (await runs.PreviewPreemptionAsync(id)).ToResult(preview => TypedResults.Ok(preview.ToResponse()));

    private static IResult Accepted(EngineResult<RunSnapshot> stopping) =>
        stopping.ToResult(run => TypedResults.AcceptedAtRoute(run.ToResponse(), "GetRun", new { id = run.Id }));
}
