using System.Security.Claims;
using Scheduler.Dashboard.Security;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>Firing schedules: trigger now, pause and resume. Each needs <see cref="SchedulerPolicies.Operate"/>.</summary>
internal static class ScheduleFiringEndpoints
{
    // Not tied to the request's cancellation: once the engine committed a pause or resume, Quartz must follow even
    // if the caller hung up.
    public static void MapScheduleFiringEndpoints(this IEndpointRouteBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("Schedules");
        schedules.MapPost("/{id}/trigger", TriggerAsync).WithName("TriggerSchedule").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Fires the schedule now, even when paused; optional parameters add to or override the schedule's.")
            .Produces<RunResponse>(StatusCodes.Status201Created).ProducesProblems(400, 404);
        schedules.MapPost("/{id}/pause", PauseAsync).WithName("PauseSchedule").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Stops cron and event firings until resumed.")
            .Produces<ScheduleResponse>().ProducesProblems(400, 404);
        schedules.MapPost("/{id}/resume", ResumeAsync).WithName("ResumeSchedule").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Lets a paused schedule fire again.")
            .Produces<ScheduleResponse>().ProducesProblems(400, 404);
    }

    private static async Task<IResult> TriggerAsync(int id, FireRequest? request, IScheduleService schedules, ClaimsPrincipal user)
    {
        var fired = await schedules.TriggerAsync(id, request?.Parameters, user.ApiActor());
        return fired.ToResult(run => TypedResults.CreatedAtRoute(run.ToResponse(), "GetRun", new { id = run.Id }));
    }

    private static async Task<IResult> PauseAsync(int id, IScheduleService schedules) =>
        (await schedules.PauseAsync(id)).ToResult(view => TypedResults.Ok(view.ToResponse()));

    private static async Task<IResult> ResumeAsync(int id, IScheduleService schedules) =>
        (await schedules.ResumeAsync(id)).ToResult(view => TypedResults.Ok(view.ToResponse()));
}
