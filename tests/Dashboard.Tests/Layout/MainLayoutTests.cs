using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using Scheduler.Dashboard.Components;
using Scheduler.Dashboard.Components.Layout;

namespace Scheduler.Dashboard.Tests.Layout;

public sealed class MainLayoutTests : BunitContext
{
    public MainLayoutTests() => this.AddTestServices();

    [Fact]
    public void Navigation_ListsEveryPageInOrder()
    {
        var layout = RenderLayout(darkMode: false);

        var links = layout.FindAll("nav a").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();

        Assert.Equal(
            [("Overview", "/"), ("Queues", "queues"), ("Runs", "runs"), ("Graph", "graph"), ("Schedules", "schedules"), ("Agents", "agents"), ("Workers", "workers")],
            links.Select(l => (l.Text, NormalizeHref(l.Href))).ToList());
    }

    [Fact]
    public void Layout_RendersBodyInsideMainContent()
    {
        var layout = RenderLayout(darkMode: false);

        Assert.Equal("page body", layout.Find(".mud-main-content [data-testid=body]").TextContent);
        Assert.Contains("Scheduler Dashboard", layout.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Theme_StartsFromTheBrowsersRememberedChoice(bool darkMode)
    {
        var layout = RenderLayout(darkMode);

        Assert.Equal(darkMode, layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
        Assert.Equal(darkMode ? "true" : "false", ThemeToggle(layout).GetAttribute("aria-pressed"));
    }

    [Fact]
    public void ThemeToggle_SwitchesToDarkAndRemembersItInTheBrowser()
    {
        var remembered = JSInterop.SetupVoid("schedulerDashboard.rememberTheme", _ => true);
        var layout = RenderLayout(darkMode: false);

        ThemeToggle(layout).Click();

        Assert.True(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
        var call = Assert.Single(remembered.Invocations);
        Assert.Equal([ThemePreference.CookieName, "dark"], call.Arguments);
        Assert.Equal("Switch to light mode", TooltipOf(layout, "theme-toggle"));
    }

    [Fact]
    public void ThemeToggle_BackToLight_RemembersLight()
    {
        var remembered = JSInterop.SetupVoid("schedulerDashboard.rememberTheme", _ => true);
        var layout = RenderLayout(darkMode: true);

        ThemeToggle(layout).Click();

        Assert.False(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
        Assert.Equal("light", Assert.Single(remembered.Invocations).Arguments[1]);
    }

    [Fact]
    public void ConnectionIndicator_StartsConnectingAndIsMarkedLiveOnceInteractive()
    {
        var marked = JSInterop.SetupVoid("schedulerDashboard.markConnected");
        var layout = RenderLayout(darkMode: false);

        var indicator = layout.Find("#connection-indicator");
        Assert.Equal("status", indicator.GetAttribute("role"));
        Assert.Equal("connecting", indicator.GetAttribute("data-state"));
        Assert.Single(marked.Invocations);
    }

    [Fact]
    public void PageThatThrows_ShowsAnErrorInItsPlace_KeepsTheShell_AndTheNextPageRendersClean()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(body =>
        {
            body.OpenComponent<BrokenPage>(0);
            body.CloseComponent();
        })));

        Assert.Contains("This page ran into an error", layout.Find("[data-testid=page-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Scheduler Dashboard", layout.Find(".mud-appbar").TextContent, StringComparison.Ordinal);

        layout.Render(p => p.Add(l => l.Body, (RenderFragment)(body => body.AddMarkupContent(0, "<div data-testid=\"body\">next page</div>"))));

        Assert.Empty(layout.FindAll("[data-testid=page-error]"));
        Assert.Equal("next page", layout.Find("[data-testid=body]").TextContent);
    }

    private IRenderedComponent<CascadingValue<bool>> RenderLayout(bool darkMode) =>
        Render<CascadingValue<bool>>(parameters => parameters
            .Add(p => p.Name, ThemePreference.CascadingName)
            .Add(p => p.Value, darkMode)
            .Add(p => p.IsFixed, true)
            .Add(p => p.ChildContent, (RenderFragment)(builder =>
            {
                builder.OpenComponent<MainLayout>(0);
                builder.AddAttribute(1, nameof(MainLayout.Body), (RenderFragment)(body =>
                {
                    body.OpenElement(0, "div");
                    body.AddAttribute(1, "data-testid", "body");
                    body.AddContent(2, "page body");
                    body.CloseElement();
                }));
                builder.CloseComponent();
            })));

    private static IElement ThemeToggle(IRenderedComponent<CascadingValue<bool>> layout) =>
        layout.Find("[data-testid=theme-toggle]");

    private static string TooltipOf(IRenderedComponent<CascadingValue<bool>> layout, string testId) =>
        layout.FindComponents<MudTooltip>()
            .Single(t => t.FindAll($"[data-testid={testId}]").Count == 1)
            .Instance.Text ?? string.Empty;

    private static string? NormalizeHref(string? href) => href is "" or "." ? "/" : href;

    private sealed class BrokenPage : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("the page failed");
    }
}
