using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Scheduler.Dashboard.Api;
using Scheduler.Dashboard.Components;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Hubs;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Hosting;

namespace Scheduler.Dashboard.Hosting;

/// <summary>Wires the engine, the Blazor UI and the HTTP endpoints into a web host.</summary>
public static class DashboardHostingExtensions
{
    /// <summary>Registers the engine and the dashboard's services.</summary>
    public static WebApplicationBuilder AddSchedulerDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSchedulerEngine(builder.Configuration);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<IDashboardClient, EngineDashboardClient>();
        builder.Services.AddScoped<OperatorActions>();
        builder.Services.AddSignalR().AddJsonProtocol(options => ApiJson.Apply(options.PayloadSerializerOptions));
        builder.Services.AddSchedulerApi();
        return builder;
    }

    /// <summary>Maps the dashboard's pages, static assets, the HTTP API and <c>/health</c>.</summary>
    public static WebApplication UseSchedulerDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSchedulerApiProblems();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            // Degraded means Quartz is not running yet (standby): not ready to schedule anything.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthReportWriter.WriteAsync,
        });

        app.MapSchedulerApi();
        app.MapStaticAssets();
        app.MapHub<SchedulerHub>("/hubs/scheduler");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
