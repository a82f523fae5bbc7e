using Microsoft.Extensions.DependencyInjection;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Model;
using MudBlazor.Services;

namespace Scheduler.Dashboard.Tests;

/// <summary>The one place bUnit is set up for dashboard components (MudBlazor services, loose JS interop).</summary>
internal static class DashboardTestContext
{
    /// <summary>MudBlazor, a fake engine client (returned, for the test to drive) and the operator actions.</summary>
    public static FakeDashboardClient AddTestServices(this BunitContext context)
    {
        var client = new FakeDashboardClient();
        context.Services.AddMudServices();
        context.Services.AddSingleton<IDashboardClient>(client);
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddScoped<OperatorActions>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return client;
    }
}
