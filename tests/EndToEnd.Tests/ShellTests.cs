using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

public sealed class ShellTests(DashboardServer server, Chromium chromium)
{
    public static TheoryData<string, string, string> Pages => new()
    {
        { "", "Overview", "overview" },
        { "queues", "Queues", "queues" },
        { "runs", "Runs", "runs" },
        { "graph", "Graph", "graph" },
        { "schedules", "Schedules", "schedules" },
        { "agents", "Agents", "agents" },
        { "workers", "Workers", "workers" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_OpensInChromium_WithItsTitleAndNoConsoleErrors(string path, string title, string screenshot)
    {
        await using var session = await BrowserSession.OpenAsync(chromium, server);

        await session.GotoAsync(path);

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(session.Page).ToHaveTitleAsync($"{title} · Scheduler Dashboard");
        // Other tests share this server, so what a page shows depends on them; its own tests check its content.
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await session.ScreenshotAsync($"{screenshot}-light");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Navigation_DrawerLinks_OpenEveryPageInTheSameCircuit()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("");
        await session.Page.EvaluateAsync("window.__sameDocument = true");

        foreach (var (name, path) in new[] { ("Queues", "queues"), ("Runs", "runs"), ("Graph", "graph"), ("Schedules", "schedules"), ("Agents", "agents"), ("Workers", "workers"), ("Overview", "") })
        {
            await session.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
            Assert.Equal(new Uri(server.BaseAddress, path).ToString(), session.Page.Url);
        }

        Assert.True(session.Errors.Count == 0, string.Join(Environment.NewLine, session.Errors));
        Assert.True(await session.Page.EvaluateAsync<bool>("window.__sameDocument === true"), "navigation reloaded the page");
    }

    [Fact]
    public async Task DarkModeToggle_SwitchesThePaletteAndIsRememberedAfterReload()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("queues");
        var lightBackground = await BackgroundAsync(session.Page);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToHaveAttributeAsync("aria-pressed", "true");
        var darkBackground = await BackgroundAsync(session.Page);
        Assert.NotEqual(lightBackground, darkBackground);
        Assert.True(Luminance(darkBackground) < Luminance(lightBackground), $"dark background {darkBackground} is not darker than {lightBackground}");
        await session.ScreenshotAsync("queues-dark");

        await session.Page.ReloadAsync();
        await session.WaitUntilLiveAsync();

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(darkBackground, await BackgroundAsync(session.Page));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task ConnectionIndicator_ShowsLiveOnceTheCircuitIsUp()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, server);

        await session.GotoAsync("");

        var indicator = session.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" });
        await Assertions.Expect(indicator).ToBeVisibleAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("title", "Live updates: connected");
    }

    [Fact]
    public async Task Health_WithDatabaseAndQuartzUp_Answers200()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("scheduler-database").GetProperty("status").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("quartz-scheduler").GetProperty("status").GetString());
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)]
            .Split(',')
            .Take(3)
            .Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        return (0.2126 * parts[0]) + (0.7152 * parts[1]) + (0.0722 * parts[2]);
    }
}
