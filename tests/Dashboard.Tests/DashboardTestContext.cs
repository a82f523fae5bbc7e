using MudBlazor.Services;

namespace Scheduler.Dashboard.Tests;

/// <summary>The one place bUnit is set up for dashboard components (MudBlazor services, loose JS interop).</summary>
internal static class DashboardTestContext
{
    public static BunitContext AddTestServices(this BunitContext context)
    {
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }
}
