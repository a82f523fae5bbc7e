using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Dashboard.Security;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>The authorization matrix: one row per API endpoint, read from the running server's endpoint metadata.</summary>
public sealed class AuthorizationMatrixTests(DashboardServer server)
{
    public static TheoryData<string, string, string?> Matrix => new()
    {
        { "GET", "api/agents", null },
        { "POST", "api/agents", SchedulerPolicies.Admin },
        { "GET", "api/agents/{id}", null },
        { "PUT", "api/agents/{id}", SchedulerPolicies.Admin },
        { "DELETE", "api/agents/{id}", SchedulerPolicies.Admin },
        { "GET", "api/schedules", null },
        { "POST", "api/schedules", SchedulerPolicies.Admin },
        { "GET", "api/schedules/{id}", null },
        { "PUT", "api/schedules/{id}", SchedulerPolicies.Admin },
        { "DELETE", "api/schedules/{id}", SchedulerPolicies.Admin },
        { "POST", "api/schedules/{id}/trigger", SchedulerPolicies.Operate },
        { "POST", "api/schedules/{id}/pause", SchedulerPolicies.Operate },
        { "POST", "api/schedules/{id}/resume", SchedulerPolicies.Operate },
        { "GET", "api/runs", null },
        { "POST", "api/runs", SchedulerPolicies.Operate },
        { "GET", "api/runs/{id}", null },
        { "GET", "api/runs/{id}/logs", null },
        { "POST", "api/runs/{id}/cancel", SchedulerPolicies.Operate },
        { "PUT", "api/runs/{id}/position", SchedulerPolicies.Operate },
        { "POST", "api/runs/batch", SchedulerPolicies.Operate },
        { "POST", "api/runs/{id}/pick", SchedulerPolicies.Operate },
        { "POST", "api/runs/{id}/release", SchedulerPolicies.Operate },
        { "POST", "api/runs/{id}/preempt", SchedulerPolicies.Operate },
        { "GET", "api/runs/{id}/preemption-preview", null },
        { "GET", "api/queue", null },
        { "GET", "api/graph", null },
        { "GET", "api/workers", null },
        { "POST", "api/workers/{id}/drain", SchedulerPolicies.Operate },
        { "POST", "api/workers/{id}/undrain", SchedulerPolicies.Operate },
        { "POST", "api/events/{name}", SchedulerPolicies.Operate },
        { "POST", "api/sensors/{name}", SchedulerPolicies.Operate },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void ApiEndpoint_RequiresItsNamedPolicy(string method, string route, string? policy)
    {
        var endpoint = Assert.Single(ApiEndpoints(), e => e.Method == method && e.Route == route);

        Assert.Equal(policy is null ? [] : [policy], endpoint.Policies);
    }

    [Fact]
    public void EveryApiEndpoint_IsInTheMatrix()
    {
        var rows = Matrix.Select(row => ((string)row.Data.Item1, (string)row.Data.Item2)).ToHashSet();

        Assert.All(ApiEndpoints(), e => Assert.Contains((e.Method, e.Route), rows));
    }

    private IEnumerable<(string Method, string Route, string?[] Policies)> ApiEndpoints() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Route: e.RoutePattern.RawText?.Trim('/') ?? string.Empty))
            .Where(e => e.Route.StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                method,
                e.Route,
                e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToArray())));
}
