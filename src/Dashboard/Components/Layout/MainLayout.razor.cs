using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace Scheduler.Dashboard.Components.Layout;

/// <summary>The shell every page renders in: app bar, navigation drawer, theme and connection state.</summary>
public partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _isDarkMode;
    private ErrorBoundary? _pageErrors;

    [CascadingParameter(Name = ThemePreference.CascadingName)]
    private bool InitialDarkMode { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnInitialized() => _isDarkMode = InitialDarkMode;

    /// <summary>
    /// A page that throws shows an error in its place instead of ending the operator's circuit; the next page
    /// (a new body on navigation) starts clean.
    /// </summary>
    protected override void OnParametersSet() => _pageErrors?.Recover();

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("schedulerDashboard.rememberTheme", ThemePreference.CookieName, _isDarkMode ? "dark" : "light");
    }
}
