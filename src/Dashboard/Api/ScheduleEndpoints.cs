using Scheduler.Dashboard.Security;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary><c>/api/schedules</c>: when agents run. Changes need <see cref="SchedulerPolicies.Admin"/>.</summary>
internal static class ScheduleEndpoints
{
    // Changes are not tied to the request's cancellation: once the engine committed one, Quartz must follow even if
    // the caller hung up.

    public static void MapScheduleEndpoints(this IEndpointRouteBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("Schedules");
        schedules.MapGet(string.Empty, ListAsync).WithName("ListSchedules")
            .WithSummary("Lists every schedule with its next five fire times.")
            .Produces<ListResponse<ScheduleResponse>>();
        schedules.MapGet("/{id}", GetAsync).WithName("GetSchedule")
            .WithSummary("Gets one schedule with its next five fire times.")
            .Produces<ScheduleResponse>().ProducesProblems(400, 404);
        schedules.MapPost(string.Empty, CreateAsync).WithName("CreateSchedule").RequireAuthorization(SchedulerPolicies.Admin)
            .WithSummary("Creates a schedule (on_demand, recurring with a cron expression, api, or event).")
            .Produces<ScheduleResponse>(StatusCodes.Status201Created).ProducesProblems(400);
        schedules.MapPut("/{id}", UpdateAsync).WithName("UpdateSchedule").RequireAuthorization(SchedulerPolicies.Admin)
            .WithSummary("Replaces a schedule's definition; send the version you edited to be refused (409) if it changed since.")
            .Produces<ScheduleResponse>().ProducesProblems(400, 404, 409);
        schedules.MapDelete("/{id}", DeleteAsync).WithName("DeleteSchedule").RequireAuthorization(SchedulerPolicies.Admin)
            .WithSummary("Deletes a schedule no other schedule depends on; its past runs stay.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 404, 409);
    }

    private static async Task<IResult> ListAsync(IScheduleService schedules)
    {
        var all = await schedules.ListAsync();
        return TypedResults.Ok(new ListResponse<ScheduleResponse>([.. all.Select(s => s.ToResponse())], all.Count));
    }

    private static async Task<IResult> GetAsync(int id, IScheduleService schedules) =>
        await schedules.GetAsync(id) is { } schedule ? TypedResults.Ok(schedule.ToResponse()) : ApiProblems.NotFound($"Schedule {id} does not exist.");

    private static async Task<IResult> CreateAsync(ScheduleRequest request, IScheduleService schedules)
    {
        var definition = request.ToDefinition();
        if (!definition.Succeeded)
        {
            return ApiProblems.From(definition.Errors);
        }

        var created = await schedules.CreateAsync(definition.Value!);
        return created.ToResult(view => TypedResults.CreatedAtRoute(view.ToResponse(), "GetSchedule", new { id = view.Schedule.Id }));
    }

    private static async Task<IResult> UpdateAsync(int id, ScheduleRequest request, IScheduleService schedules)
    {
        var definition = request.ToDefinition();
        if (!definition.Succeeded)
        {
            return ApiProblems.From(definition.Errors);
        }

        var updated = await schedules.UpdateAsync(id, definition.Value!, request.Version);
        return updated.ToResult(view => TypedResults.Ok(view.ToResponse()));
    }

    private static async Task<IResult> DeleteAsync(int id, IScheduleService schedules) =>
        (await schedules.DeleteAsync(id)).ToResult(_ => TypedResults.NoContent());
}
