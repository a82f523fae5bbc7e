using System.Security.Claims;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Security;

/// <summary>
/// The named authorization policies every mutating endpoint requires, registered in one place.
/// For now both are satisfied by any caller; the security work fills them in (sign-in, roles, read-only mode)
/// without touching the endpoints.
/// </summary>
public static class SchedulerPolicies
{
    /// <summary>
    /// Steer work: create, cancel, move, pick, release and preempt runs; drain and undrain workers; trigger, pause and
    /// resume schedules; post events and sensor values.
    /// </summary>
    public const string Operate = "scheduler.operate";

    /// <summary>Change the configuration: create, update and delete agents and schedules.</summary>
    public const string Admin = "scheduler.admin";

    /// <summary>Registers <see cref="Operate"/> and <see cref="Admin"/>.</summary>
    public static IServiceCollection AddSchedulerAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Operate, policy => policy.RequireAssertion(_ => true))
            .AddPolicy(Admin, policy => policy.RequireAssertion(_ => true));
        return services;
    }

    /// <summary>Who a change made through the API is recorded as: the signed-in user's name, or <c>anonymous</c>.</summary>
    public static Actor ApiActor(this ClaimsPrincipal user) =>
        new(ActorKind.Api, user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous");
}
