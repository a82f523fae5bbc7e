using System.Globalization;
using Microsoft.Playwright;
using Scheduler.EndToEnd.Tests.Api;

namespace Scheduler.EndToEnd.Tests.Pages;

[Collection(OnOverviewServer.Name)]
public sealed class OverviewPageTests(OverviewServer server, Chromium chromium) : IAsyncLifetime
{
    private static readonly string[] SleepTenMinutes = ["600"];
    private readonly ApiClient _api = new(server);

    public async ValueTask InitializeAsync() => await WaitUntilIdleAsync();

    public async ValueTask DisposeAsync()
    {
        using var undrain = await _api.PostAsync("workers/worker-small/undrain");
        await _api.DisposeAsync();
        await WaitUntilIdleAsync();
    }

    [Fact]
    public async Task Overview_ShowsAGaugePerWorker_AndCountsFollowANewRunWithoutReload()
    {
        var agent = (long)(await _api.CreateAgentAsync("sleep", SleepTenMinutes))["id"]!;
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("");
        foreach (var worker in await WorkerIdsAsync())
        {
            await Assertions.Expect(session.Page.GetByTestId($"worker-{worker}")).ToBeVisibleAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Meter, new() { Name = $"{worker} CPU" })).ToBeVisibleAsync();
        }

        await Assertions.Expect(Count(session.Page, "running")).ToHaveTextAsync("0");
        var cancelled = int.Parse(await Count(session.Page, "cancelled").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        var run = (long)(await _api.CreateRunAsync(new { agentId = agent, priority = "high", resources = new { cpu = 1.5, memoryMb = 512 } }))["id"]!;
        var owner = (string)(await _api.WaitForStateAsync(run, "running"))["run"]!["ownerWorkerId"]!;

        await Assertions.Expect(Count(session.Page, "running")).ToHaveTextAsync("1");
        await Assertions.Expect(session.Page.GetByTestId($"gauge-{owner}-cpu").Locator(".gauge-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1\.5 / \d+ cores$"));

        using var cancel = await _api.PostAsync($"runs/{run}/cancel");
        await _api.WaitForStateAsync(run, "cancelled");

        await Assertions.Expect(Count(session.Page, "running")).ToHaveTextAsync("0");
        await Assertions.Expect(Count(session.Page, "cancelled")).ToHaveTextAsync((cancelled + 1).ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(session.Page.GetByTestId($"gauge-{owner}-cpu").Locator(".gauge-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0 / \d+ cores$"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Workers_DrainThenUndrain_ThroughTheButtons_IsWhatTheApiReports()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("workers");
        var card = session.Page.GetByTestId("worker-worker-small");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Undrain" })).ToBeDisabledAsync();

        await card.GetByRole(AriaRole.Button, new() { Name = "Drain", Exact = true }).ClickAsync();

        await Assertions.Expect(session.Page.GetByText("worker-small is draining: it takes no new runs.")).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("worker-status-worker-small")).ToHaveTextAsync("draining");
        Assert.Equal("draining", await WorkerStatusAsync("worker-small"));
        Assert.Equal("online", await WorkerStatusAsync("worker-large"));
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Drain", Exact = true })).ToBeDisabledAsync();
        await session.ScreenshotAsync("workers-draining-light");

        await card.GetByRole(AriaRole.Button, new() { Name = "Undrain" }).ClickAsync();

        await Assertions.Expect(session.Page.GetByText("worker-small takes new runs again.")).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("worker-status-worker-small")).ToHaveTextAsync("online");
        Assert.Equal("online", await WorkerStatusAsync("worker-small"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task OverviewAndWorkers_LookRightInLightAndDarkAtBothSizes()
    {
        var noop = (long)(await _api.CreateAgentAsync())["id"]!;
        var fail = (long)(await _api.CreateAgentAsync("fail"))["id"]!;
        var sleeper = (long)(await _api.CreateAgentAsync("sleep", SleepTenMinutes))["id"]!;
        for (var i = 0; i < 6; i++)
        {
            await _api.WaitForStateAsync((long)(await _api.CreateRunAsync(new { agentId = noop }))["id"]!, "succeeded");
        }

        await _api.WaitForStateAsync((long)(await _api.CreateRunAsync(new { agentId = fail }))["id"]!, "failed");
        foreach (var (cpu, memory) in new[] { (4.0, 8192), (1.5, 2048), (0.5, 1024) })
        {
            await _api.WaitForStateAsync((long)(await _api.CreateRunAsync(new { agentId = sleeper, priority = "high", resources = new { cpu, memoryMb = memory } }))["id"]!, "running");
        }

        var waiting = (long)(await _api.CreateRunAsync(new { agentId = sleeper, priority = "low" }))["id"]!;
        await _api.CreateRunAsync(new { agentId = sleeper, priority = "medium" });

        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            await using var session = await BrowserSession.OpenAsync(chromium, server, width, height);
            await session.GotoAsync("");
            await Assertions.Expect(Count(session.Page, "running")).ToHaveTextAsync("3");
            await Assertions.Expect(session.Page.GetByTestId("oldest-waiting").Locator("a.oldest-run-link")).ToHaveAttributeAsync("href", $"runs/{waiting}");
            await Assertions.Expect(session.Page.GetByTestId("oldest-reason")).Not.ToBeEmptyAsync();
            await Assertions.Expect(session.Page.GetByTestId("throughput").Locator("svg").First).ToBeVisibleAsync();
            await session.ScreenshotAsync($"overview-{width}-light");
            await ToggleDarkModeAsync(session.Page, dark: true);
            await session.ScreenshotAsync($"overview-{width}-dark");

            await session.GotoAsync("workers");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Workers");
            await Assertions.Expect(session.Page.Locator(".owned-runs li")).ToHaveCountAsync(3);
            await session.ScreenshotAsync($"workers-{width}-dark");
            await ToggleDarkModeAsync(session.Page, dark: false);
            await session.ScreenshotAsync($"workers-{width}-light");
            Assert.Empty(session.Errors);
        }
    }

    /// <summary>Switches the palette, waits until it took effect, and moves the mouse away so no tooltip shows.</summary>
    private static async Task ToggleDarkModeAsync(IPage page, bool dark)
    {
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" });
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", dark ? "true" : "false");
        await page.Mouse.MoveAsync(1, 300);
        await Assertions.Expect(page.GetByRole(AriaRole.Tooltip)).ToHaveCountAsync(0);
    }

    private static ILocator Count(IPage page, string state) => page.GetByTestId($"count-{state}").Locator(".state-count-value");

    private async Task<IReadOnlyList<string>> WorkerIdsAsync() =>
        [.. (await _api.GetJsonAsync("workers"))["items"]!.AsArray().Select(w => (string)w!["id"]!)];

    private async Task<string?> WorkerStatusAsync(string worker) =>
        (string?)(await _api.GetJsonAsync("workers"))["items"]!.AsArray().Single(w => (string?)w!["id"] == worker)!["state"];

    private async Task WaitUntilIdleAsync()
    {
        await using var api = new ApiClient(server);
        for (var i = 0; i < 100; i++)
        {
            var queue = await api.GetJsonAsync("queue");
            if (queue["active"]!.AsArray().Count == 0 && queue["lanes"]!.AsArray().All(l => l!["runs"]!.AsArray().Count == 0))
            {
                return;
            }

            await Task.Delay(100, ApiClient.Token);
        }
    }
}
