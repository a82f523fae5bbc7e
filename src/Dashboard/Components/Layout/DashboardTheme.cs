using MudBlazor;

namespace Scheduler.Dashboard.Components.Layout;

/// <summary>The product's palette and type. System fonts only: the dashboard runs on intranets without a font CDN.</summary>
internal static class DashboardTheme
{
    private static readonly string[] FontStack =
        ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "system-ui", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3b5bdb",
            Secondary = "#0c8599",
            AppbarBackground = "#1f2a44",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
            Success = "#2b8a3e",
            Warning = "#e67700",
            Error = "#c92a2a",
            Info = "#1971c2",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#748ffc",
            Secondary = "#3bc9db",
            AppbarBackground = "#141a2b",
            Background = "#0f1320",
            Surface = "#181e30",
            DrawerBackground = "#141a2b",
            Success = "#51cf66",
            Warning = "#fcc419",
            Error = "#ff6b6b",
            Info = "#4dabf7",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "232px" },
    };
}
