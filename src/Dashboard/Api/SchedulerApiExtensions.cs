using Scheduler.Dashboard.Security;

namespace Scheduler.Dashboard.Api;

/// <summary>Adds the HTTP API (<c>/api</c>) and its OpenAPI document (<c>/openapi/v1.json</c>) to a host.</summary>
public static class SchedulerApiExtensions
{
    /// <summary>Where the API is mapped.</summary>
    public const string Prefix = "/api";

    /// <summary>Registers the API's JSON conventions, problem details, OpenAPI and authorization policies.</summary>
    public static IServiceCollection AddSchedulerApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(ApiJson.Configure);

        // Binding failures then throw with their cause (which JSON path, which route value) instead of answering an
        // empty 400, so ApiErrorMiddleware can name the field, in every environment.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Scheduler Dashboard API";
            document.Info.Description = "Agents, schedules, runs, the queue, the dependency graph, sensors and the workers of the scheduling engine. Errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));
        services.AddSchedulerAuthorization();
        return services;
    }

    /// <summary>Makes every error answered under <see cref="Prefix"/> a problem details document. Call it before authorization.</summary>
    public static IApplicationBuilder UseSchedulerApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Prefix), api => api.UseMiddleware<ApiErrorMiddleware>());

    /// <summary>Maps the endpoint groups under <see cref="Prefix"/> and the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapSchedulerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix);
        api.MapAgentEndpoints();
        api.MapScheduleEndpoints();
        api.MapScheduleFiringEndpoints();
        api.MapRunEndpoints();
        api.MapRunReadEndpoints();
        api.MapRunBatchEndpoints();
        api.MapRunOwnershipEndpoints();
        api.MapGraphEndpoints();
        api.MapWorkerEndpoints();
        api.MapEventEndpoints();
        endpoints.MapOpenApi();
        return endpoints;
    }
}
