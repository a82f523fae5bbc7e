using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Scheduler.Dashboard.Components.Layout;

/// <summary>The shell every page renders in: app bar, navigation drawer, theme and connection state.</summary>
public partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _isDarkMode;

    [CascadingParameter(Name = ThemePreference.CascadingName)]
    private bool InitialDarkMode { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnInitialized() => _isDarkMode = InitialDarkMode;

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("schedulerDashboard.rememberTheme", ThemePreference.CookieName, _isDarkMode ? "dark" : "light");
    }
}
