using System.Security.Claims;
using Scheduler.Dashboard.Security;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary><c>/api/runs</c> commands: create, cancel and move runs. Each needs <see cref="SchedulerPolicies.Operate"/>.</summary>
internal static class RunEndpoints
{
    public static void MapRunEndpoints(this IEndpointRouteBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapPost(string.Empty, CreateAsync).WithName("CreateRun").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Creates an on-demand run of an agent; it waits for the runs it depends on, then queues in its lane.")
            .Produces<RunResponse>(StatusCodes.Status201Created).ProducesProblems(400);
        runs.MapPost("/{id}/cancel", CancelAsync).WithName("CancelRun").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Cancels a run: at once when pending or queued (200); a running one is stopped and ends cancelled (202).")
            .Produces<RunResponse>().Produces<RunResponse>(StatusCodes.Status202Accepted).ProducesProblems(400, 404, 409);
        runs.MapPut("/{id}/position", MoveAsync).WithName("MoveRun").RequireAuthorization(SchedulerPolicies.Operate)
            .WithSummary("Moves a queued run to a lane, before or after another queued run of that lane (or to its back).")
            .Produces<RunResponse>().ProducesProblems(400, 404, 409);
    }

    private static async Task<IResult> CreateAsync(CreateRunRequest request, IRunService runs, ClaimsPrincipal user)
    {
        var run = request.ToRunRequest(user.ApiActor());
        if (!run.Succeeded)
        {
            return ApiProblems.From(run.Errors);
        }

        var created = await runs.CreateAsync(run.Value!);
        return created.ToResult(snapshot => TypedResults.CreatedAtRoute(snapshot.ToResponse(), "GetRun", new { id = snapshot.Id }));
    }

    private static async Task<IResult> CancelAsync(long id, CancelRunRequest? request, IRunService runs, ClaimsPrincipal user)
    {
        var cancelled = await runs.CancelAsync(id, user.ApiActor(), request?.Reason);
        return cancelled.ToResult(run => run.State.IsTerminal()
            ? TypedResults.Ok(run.ToResponse())
            : TypedResults.AcceptedAtRoute(run.ToResponse(), "GetRun", new { id = run.Id }));
    }

    private static async Task<IResult> MoveAsync(long id, MoveRunRequest request, IRunService runs, ClaimsPrincipal user)
    {
        var move = request.ToMoveRequest(user.ApiActor());
        if (!move.Succeeded)
        {
            return ApiProblems.From(move.Errors);
        }

        var moved = await runs.MoveAsync(id, move.Value!);
        return moved.ToResult(run => TypedResults.Ok(run.ToResponse()));
    }
}
