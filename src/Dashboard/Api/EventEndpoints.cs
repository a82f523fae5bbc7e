using System.Security.Claims;
using Scheduler.Dashboard.Security;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary><c>/api/events/{name}</c>: a named event fires every active event schedule subscribed to it.</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api) =>
        api.MapPost("/events/{name}", PostAsync).WithName("PostEvent").WithTags("Schedules").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Posts a named event; answers the runs it created (none when no active schedule listens for it).")
            .Produces<ListResponse<RunResponse>>().ProducesProblems(400);

    private static async Task<IResult> PostAsync(string name, FireRequest? request, IScheduleService schedules, ClaimsPrincipal user)
    {
        var posted = await schedules.PostEventAsync(name, request?.Parameters, user.ApiActor());
        return posted.ToResult(runs => TypedResults.Ok(new ListResponse<RunResponse>([.. runs.Select(r => r.ToResponse())], runs.Count)));
    }
}
