using Microsoft.Playwright;
using Scheduler.EndToEnd.Tests.Api;

namespace Scheduler.EndToEnd.Tests.Pages;

[Collection(OnRunHistoryServer.Name)]
public sealed class RunsPageTests(RunHistoryServer server, Chromium chromium) : IAsyncLifetime
{
    private readonly ApiClient _api = new(server);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Grid_FilteredByState_ShowsOnlyThoseRuns_AndOpensARun()
    {
        var failing = (long)(await _api.CreateAgentAsync("fail", ["3", "disk full"]))["id"]!;
        var fine = (long)(await _api.CreateAgentAsync())["id"]!;
        var failed = (long)(await _api.CreateRunAsync(new { agentId = failing }))["id"]!;
        var succeeded = (long)(await _api.CreateRunAsync(new { agentId = fine }))["id"]!;
        await _api.WaitForStateAsync(failed, "failed");
        await _api.WaitForStateAsync(succeeded, "succeeded");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("runs");
        await Assertions.Expect(session.Page.GetByTestId($"run-link-{succeeded}")).ToBeVisibleAsync();

        await session.Page.GetByTestId("filter-state").ClickAsync();
        await session.Page.GetByRole(AriaRole.Option, new() { Name = "failed", Exact = true }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);

        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/runs\?state=failed$"));
        await Assertions.Expect(session.Page.GetByTestId($"run-link-{failed}")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId($"run-link-{succeeded}")).ToHaveCountAsync(0);
        foreach (var state in await session.Page.Locator("tbody tr.runs-row [data-testid=run-state]").AllTextContentsAsync())
        {
            Assert.Equal("failed", state);
        }

        await session.Page.GetByTestId($"run-link-{failed}").ClickAsync();

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Run {failed}");
        await Assertions.Expect(session.Page.GetByTestId("run-summary").GetByTestId("run-state")).ToHaveTextAsync("failed");
        await Assertions.Expect(session.Page.GetByTestId("run-error")).ToContainTextAsync("disk full");
        await Assertions.Expect(session.Page.GetByTestId("timeline-entry").Last).ToContainTextAsync("Failed");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task SharedAddress_OpensTheSameFilteredView()
    {
        var agent = (long)(await _api.CreateAgentAsync())["id"]!;
        var run = (long)(await _api.CreateRunAsync(new { agentId = agent, priority = "high" }))["id"]!;
        await _api.WaitForStateAsync(run, "succeeded");
        await using var session = await BrowserSession.OpenAsync(chromium, server);

        await session.GotoAsync($"runs?state=succeeded&priority=high&agent={agent}");

        await Assertions.Expect(session.Page.Locator("tbody tr.runs-row")).ToHaveCountAsync(1);
        await Assertions.Expect(session.Page.GetByTestId($"run-link-{run}")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("runs-total")).ToHaveTextAsync("1 run match");

        await session.GotoAsync("runs?state=exploded&since=3y");

        await Assertions.Expect(session.Page.GetByTestId("filter-errors")).ToContainTextAsync("Unknown state 'exploded'");
        await Assertions.Expect(session.Page.GetByTestId("filter-errors")).ToContainTextAsync("Unknown time window '3y'");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task HeaderClick_SortsByPriority_AndKeepsTheSortInTheAddress()
    {
        var agent = (long)(await _api.CreateAgentAsync())["id"]!;
        foreach (var priority in new[] { "low", "critical", "medium" })
        {
            await _api.WaitForStateAsync((long)(await _api.CreateRunAsync(new { agentId = agent, priority }))["id"]!, "succeeded");
        }

        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync($"runs?agent={agent}");
        var priorities = session.Page.Locator("tbody tr.runs-row td:nth-child(4)");
        await Assertions.Expect(priorities).ToHaveTextAsync(["medium", "critical", "low"]);

        await session.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Priority" }).GetByText("Priority").ClickAsync();

        await Assertions.Expect(priorities).ToHaveTextAsync(["low", "medium", "critical"]);
        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/runs\?agent={agent}&sort=priority&desc=false$"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Detail_OfAPrintRun_ShowsItsLogLinesArrivingLiveAndItsTimeline()
    {
        var agent = (long)(await _api.CreateAgentAsync("print", ["40", "150"]))["id"]!;
        var run = (long)(await _api.CreateRunAsync(new { agentId = agent }))["id"]!;
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync($"runs/{run}");
        var lines = session.Page.GetByTestId("log-line");

        await Assertions.Expect(lines.Filter(new() { HasText = "line 3 of 40" })).ToHaveCountAsync(1);
        var early = await lines.CountAsync();
        await Assertions.Expect(lines.Filter(new() { HasText = "line 40 of 40" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        Assert.InRange(early, 1, 39);
        Assert.True(await lines.CountAsync() >= 40);
        await Assertions.Expect(session.Page.GetByTestId("run-summary").GetByTestId("run-state")).ToHaveTextAsync("succeeded");
        var timeline = session.Page.GetByTestId("timeline-entry");
        await Assertions.Expect(timeline.Filter(new() { HasText = "Started" })).ToHaveCountAsync(1);
        await Assertions.Expect(timeline.Last).ToContainTextAsync("Succeeded");
        Assert.True(await session.Page.GetByTestId("run-log").EvaluateAsync<bool>("e => e.scrollHeight - e.scrollTop - e.clientHeight < 24"), "the log did not follow its newest line");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Detail_OfARunningRun_ShowsItCancelledFromAnotherBrowserWithoutReload()
    {
        var agent = (long)(await _api.CreateAgentAsync("sleep", ["300"]))["id"]!;
        var run = (long)(await _api.CreateRunAsync(new { agentId = agent }))["id"]!;
        await _api.WaitForStateAsync(run, "running");
        await using var watcher = await BrowserSession.OpenAsync(chromium, server);
        await using var canceller = await BrowserSession.OpenAsync(chromium, server);
        await watcher.GotoAsync($"runs/{run}");
        await Assertions.Expect(watcher.Page.GetByTestId("run-summary").GetByTestId("run-state")).ToHaveTextAsync("running");
        await watcher.Page.EvaluateAsync("window.__sameDocument = true");
        await canceller.GotoAsync($"runs/{run}");

        await canceller.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await canceller.Page.GetByTestId("confirm-action").ClickAsync();

        await Assertions.Expect(watcher.Page.GetByTestId("run-summary").GetByTestId("run-state")).ToHaveTextAsync("cancelled");
        await Assertions.Expect(watcher.Page.GetByTestId("timeline-entry").Last).ToContainTextAsync("by operator:");
        await Assertions.Expect(watcher.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeDisabledAsync();
        Assert.True(await watcher.Page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        Assert.Empty(watcher.Errors);
        Assert.Empty(canceller.Errors);
    }

    [Fact]
    public async Task Detail_OfAnUnknownRun_SaysRunNotFound()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, server);

        await session.GotoAsync("runs/987654321");

        await Assertions.Expect(session.Page.GetByTestId("empty-state")).ToContainTextAsync("Run not found");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task RunsAndDetail_LookRightInLightAndDarkAtBothSizes()
    {
        var sleeper = (long)(await _api.CreateAgentAsync("sleep", ["300"]))["id"]!;
        var printer = (long)(await _api.CreateAgentAsync("print", ["25", "10"]))["id"]!;
        var failing = (long)(await _api.CreateAgentAsync("fail", ["2", "upstream API answered 503"]))["id"]!;
        var upstream = (long)(await _api.CreateRunAsync(new { agentId = sleeper, priority = "high" }))["id"]!;
        var printed = (long)(await _api.CreateRunAsync(new { agentId = printer, dependsOn = Array.Empty<long>() }))["id"]!;
        var failed = (long)(await _api.CreateRunAsync(new { agentId = failing, priority = "low" }))["id"]!;
        var downstream = (long)(await _api.CreateRunAsync(new { agentId = printer, dependsOn = new[] { upstream }, priority = "critical" }))["id"]!;
        await _api.WaitForStateAsync(upstream, "running");
        await _api.WaitForStateAsync(printed, "succeeded");
        await _api.WaitForStateAsync(failed, "failed");

        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            await using var session = await BrowserSession.OpenAsync(chromium, server, width, height);
            await session.GotoAsync("runs");
            await Assertions.Expect(session.Page.GetByTestId($"run-link-{downstream}")).ToBeVisibleAsync();
            await session.ScreenshotAsync($"runs-{width}-light");
            await session.GotoAsync($"runs/{upstream}");
            await Assertions.Expect(session.Page.GetByTestId("downstream").GetByTestId($"related-{downstream}")).ToContainTextAsync("pending");
            await session.ScreenshotAsync($"run-detail-running-{width}-light");
            await session.GotoAsync($"runs/{printed}");
            await Assertions.Expect(session.Page.GetByTestId("log-line").Filter(new() { HasText = "line 25 of 25" })).ToHaveCountAsync(1);
            await session.ScreenshotAsync($"run-detail-{width}-light");
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
            await session.ScreenshotAsync($"run-detail-{width}-dark");
            await session.GotoAsync($"runs/{downstream}");
            await Assertions.Expect(session.Page.GetByTestId("wait-reason")).ToBeVisibleAsync();
            await session.ScreenshotAsync($"run-detail-pending-{width}-dark");
            await session.Page.GetByTestId("upstream").GetByRole(AriaRole.Link, new() { Name = $"#{upstream}" }).ClickAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Run {upstream}");
            await Assertions.Expect(session.Page.GetByTestId("run-summary").GetByTestId("run-state")).ToHaveTextAsync("running");
            await session.GotoAsync("runs");
            await Assertions.Expect(session.Page.GetByTestId($"run-link-{failed}")).ToBeVisibleAsync();
            await session.ScreenshotAsync($"runs-{width}-dark");
            Assert.Empty(session.Errors);
        }
    }
}
