using System.Security.Claims;
using Scheduler.Dashboard.Security;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// <c>/api/events/{name}</c> fires every active event schedule subscribed to the event; <c>/api/sensors/{name}</c>
/// records a sensor value and fires the conditional schedules it makes true. Both need <see cref="SchedulerPolicies.Operate"/>.
/// </summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/events/{name}", PostEventAsync).WithName("PostEvent").WithTags("Schedules").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Posts a named event; answers the runs it created (none when no active schedule listens for it).")
            .Produces<ListResponse<RunResponse>>().ProducesProblems(400);
        api.MapPost("/sensors/{name}", PostSensorAsync).WithName("PostSensorValue").WithTags("Schedules").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Posts a sensor value; answers the runs of the conditional schedules whose condition it made true (a condition that was already true does not fire again).")
            .Produces<ListResponse<RunResponse>>().ProducesProblems(400);
    }

    private static async Task<IResult> PostEventAsync(string name, FireRequest? request, IScheduleService schedules, ClaimsPrincipal user) =>
        Fired(await schedules.PostEventAsync(name, request?.Parameters, user.ApiActor()));

    private static async Task<IResult> PostSensorAsync(string name, SensorRequest request, IScheduleService schedules, ClaimsPrincipal user) =>
        request.Value is { } value
            ? Fired(await schedules.PostSensorAsync(name, value, user.ApiActor()))
            : ApiProblems.Invalid("value", "value is required.");

    private static IResult Fired(EngineResult<IReadOnlyList<RunSnapshot>> posted) =>
        posted.ToResult(runs => TypedResults.Ok(new ListResponse<RunResponse>([.. runs.Select(r => r.ToResponse())], runs.Count)));
}
