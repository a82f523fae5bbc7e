namespace Scheduler.Dashboard.Components;

/// <summary>
/// The light/dark choice is remembered per browser in a cookie, so the first (prerendered) paint already has
/// the right theme instead of flashing light before the circuit starts.
/// </summary>
internal static class ThemePreference
{
    public const string CookieName = "scheduler-theme";
    public const string CascadingName = "InitialDarkMode";

    public static bool IsDark(HttpRequest? request) =>
        request is not null && request.Cookies.TryGetValue(CookieName, out var value) && value == "dark";
}
