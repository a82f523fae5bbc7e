using System.Net;
using Microsoft.Playwright;
using Scheduler.EndToEnd.Tests.Api;

namespace Scheduler.EndToEnd.Tests.Pages;

[Collection(OnQueueBoardServer.Name)]
public sealed class QueuesPageTests(QueueBoardServer server, Chromium chromium) : IAsyncLifetime
{
    private static readonly string[] SleepFiveMinutes = ["300"];
    private readonly ApiClient _api = new(server);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await using var api = new ApiClient(server);
        await WaitUntilIdleAsync(api);
    }

    [Fact]
    public async Task Drag_LowRunToTheTopOfHigh_IsPersistedAndASecondBrowserSeesItWithoutReload()
    {
        var agent = await SleeperAsync();
        await OccupyBothSlotsAsync(agent);
        var high1 = await QueueAsync(agent, "high");
        var high2 = await QueueAsync(agent, "high");
        var low = await QueueAsync(agent, "low");
        await using var operatorA = await BrowserSession.OpenAsync(chromium, server);
        await using var operatorB = await BrowserSession.OpenAsync(chromium, server);
        await operatorA.GotoAsync("queues");
        await operatorB.GotoAsync("queues");
        await Assertions.Expect(operatorB.Page.GetByTestId($"run-{low}")).ToBeVisibleAsync();

        await operatorA.Page.GetByTestId($"run-{low}").DragToAsync(operatorA.Page.GetByTestId($"run-{high1}"));

        await Assertions.Expect(LaneCards(operatorA.Page, "high")).ToHaveCountAsync(3);
        Assert.Equal([low, high1, high2], await LaneOrderFromApiAsync("high"));
        await Assertions.Expect(LaneCards(operatorB.Page, "high").First).ToHaveAttributeAsync("data-testid", $"run-{low}");
        await Assertions.Expect(operatorB.Page.GetByTestId("lane-low").GetByTestId($"run-{low}")).ToHaveCountAsync(0);
        await operatorA.ScreenshotAsync("queues-after-drag-light");
        Assert.Empty(operatorA.Errors);
        Assert.Empty(operatorB.Errors);
    }

    [Fact]
    public async Task MoveMenu_MoveToAnotherLane_WorksWithoutDragging()
    {
        var agent = await SleeperAsync();
        await OccupyBothSlotsAsync(agent);
        var run = await QueueAsync(agent, "background");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("queues");

        await session.Page.GetByTestId($"run-{run}").GetByRole(AriaRole.Button, new() { Name = $"More actions for run {run}" }).ClickAsync();
        await session.Page.GetByText("Move to critical lane").ClickAsync();

        await Assertions.Expect(session.Page.GetByTestId("lane-critical").GetByTestId($"run-{run}")).ToBeVisibleAsync();
        Assert.Equal([run], await LaneOrderFromApiAsync("critical"));
    }

    [Fact]
    public async Task Cancel_RunningSubprocessRun_StopsItsProcess()
    {
        var agent = await CreateAgentAsync(new { name = ApiClient.UniqueName("sleep-proc"), executionEnvironment = "subprocess", command = "/bin/sleep", args = SleepFiveMinutes, resources = new { cpu = 0.1, memoryMb = 16 } });
        var run = (long)(await _api.CreateRunAsync(new { agentId = agent, priority = "critical" }))["id"]!;
        var pid = (int)(await _api.WaitUntilAsync(run, d => d["run"]!["processId"] is not null))["run"]!["processId"]!;
        Assert.True(Directory.Exists($"/proc/{pid}"));
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("queues");

        await session.Page.GetByTestId("active-runs").GetByTestId($"run-{run}").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await session.Page.GetByTestId("confirm-action").ClickAsync();

        await _api.WaitForStateAsync(run, "cancelled");
        Assert.False(IsAlive(pid), $"process {pid} still runs after the run was cancelled");
        await Assertions.Expect(session.Page.GetByText($"Run {run} is being cancelled").Or(session.Page.GetByText($"Run {run} cancelled."))).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId($"run-{run}")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Preempt_ThroughTheConfirmation_PutsTheRunBackAtTheFrontOfItsLane()
    {
        var agent = await SleeperAsync();
        var running = await RunningAsync(agent, "low");
        await RunningAsync(agent, "low");
        var queued = await QueueAsync(agent, "low");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("queues");

        await session.Page.GetByTestId("active-runs").GetByTestId($"run-{running}").GetByRole(AriaRole.Button, new() { Name = "Preempt" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("worker-");
        await Assertions.Expect(dialog).ToContainTextAsync("work lost if stopped");
        await session.Page.GetByTestId("confirm-action").ClickAsync();

        // Back at the front of its lane, the preempted run takes the freed slot before the run queued behind it.
        var detail = await _api.WaitUntilAsync(running, d => (int)d["run"]!["attempt"]! == 2 && (string?)d["run"]!["state"] is "assigned" or "running");
        Assert.Contains(detail["timeline"]!.AsArray(), t => (string?)t!["kind"] == "preempted");
        Assert.Equal("queued", (string?)(await _api.GetJsonAsync($"runs/{queued}"))["run"]!["state"]);
    }

    [Fact]
    public async Task Pick_OntoAChosenWorker_StartsTheRunThere()
    {
        var agent = await SleeperAsync();
        await OccupyBothSlotsAsync(agent);
        var run = await QueueAsync(agent, "medium");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("queues");

        await session.Page.GetByTestId($"run-{run}").GetByRole(AriaRole.Button, new() { Name = "Pick" }).ClickAsync();
        await session.Page.GetByTestId("pick-option-worker-small").GetByRole(AriaRole.Radio).CheckAsync();
        await session.Page.GetByTestId("confirm-pick").ClickAsync();

        var detail = await _api.WaitForStateAsync(run, "assigned", "running");
        Assert.Equal("worker-small", (string?)detail["run"]!["ownerWorkerId"]);
        Assert.Contains(detail["timeline"]!.AsArray(), t => (string?)t!["kind"] == "picked" && (string?)t!["actor"]!["kind"] == "operator");
        await Assertions.Expect(session.Page.GetByTestId("active-runs").GetByTestId($"run-{run}")).ToContainTextAsync("worker-small");
    }

    [Fact]
    public async Task Release_RunningRun_ComesBackAsTheNextAttempt()
    {
        var agent = await SleeperAsync();
        var run = await RunningAsync(agent, "medium");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("queues");

        await session.Page.GetByTestId("active-runs").GetByTestId($"run-{run}").GetByRole(AriaRole.Button, new() { Name = "Release" }).ClickAsync();
        await session.Page.GetByTestId("confirm-action").ClickAsync();

        // Earlier tests' runs share this server and may preempt it too; the release is what this test looks for.
        var detail = await _api.WaitUntilAsync(run, d => d["timeline"]!.AsArray().Any(t => (string?)t!["kind"] == "released" && (string?)t["actor"]!["kind"] == "operator"));
        Assert.True((int)detail["run"]!["attempt"]! >= 2);
        Assert.Equal("queued", (string?)detail["timeline"]!.AsArray().Last(t => (string?)t!["kind"] == "released")!["to"]);
    }

    [Fact]
    public async Task TwoOperatorsPickTheSameRun_TheSecondIsToldSomeoneElseGotThereFirst()
    {
        var agent = await SleeperAsync();
        await OccupyBothSlotsAsync(agent);
        var run = await QueueAsync(agent, "high");
        await using var first = await BrowserSession.OpenAsync(chromium, server);
        await using var second = await BrowserSession.OpenAsync(chromium, server);
        await first.GotoAsync("queues");
        await second.GotoAsync("queues");
        foreach (var session in new[] { first, second })
        {
            await session.Page.GetByTestId($"run-{run}").GetByRole(AriaRole.Button, new() { Name = "Pick" }).ClickAsync();
            await Assertions.Expect(session.Page.GetByTestId("confirm-pick")).ToBeEnabledAsync();
        }

        await first.Page.GetByTestId("confirm-pick").ClickAsync();
        await _api.WaitForStateAsync(run, "assigned", "running");
        await second.Page.GetByTestId("confirm-pick").ClickAsync();

        await Assertions.Expect(second.Page.GetByText("Someone else got there first")).ToBeVisibleAsync();
        await Assertions.Expect(first.Page.GetByText($"Run {run} picked onto")).ToBeVisibleAsync();
        Assert.Empty(second.Errors);
    }

    [Fact]
    public async Task Board_LooksRightInLightAndDarkAtBothSizes()
    {
        var agent = await SleeperAsync();
        await OccupyBothSlotsAsync(agent);
        foreach (var lane in new[] { "critical", "high", "high", "medium", "low", "low", "background" })
        {
            await QueueAsync(agent, lane);
        }

        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            await using var session = await BrowserSession.OpenAsync(chromium, server, width, height);
            await session.GotoAsync("queues");
            await Assertions.Expect(LaneCards(session.Page, "high")).ToHaveCountAsync(2);
            await session.ScreenshotAsync($"queues-{width}-light");
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
            await session.ScreenshotAsync($"queues-{width}-dark");
            Assert.Empty(session.Errors);
        }
    }

    private static ILocator LaneCards(IPage page, string lane) => page.GetByTestId($"lane-{lane}").Locator("article.run-card");

    private async Task<long[]> LaneOrderFromApiAsync(string lane)
    {
        var queue = await _api.GetJsonAsync("queue");
        return [.. queue["lanes"]!.AsArray().Single(l => (string?)l!["priority"] == lane)!["runs"]!.AsArray().Select(r => (long)r!["id"]!)];
    }

    private async Task<long> SleeperAsync() => (long)(await _api.CreateAgentAsync("sleep", ["600"]))["id"]!;

    private async Task<long> CreateAgentAsync(object body)
    {
        using var response = await _api.PostAsync("agents", body);
        return (long)(await ApiClient.ReadAsync(response, HttpStatusCode.Created))["id"]!;
    }

    private async Task OccupyBothSlotsAsync(long agent)
    {
        await RunningAsync(agent, "critical");
        await RunningAsync(agent, "critical");
    }

    private async Task<long> RunningAsync(long agent, string priority)
    {
        var run = (long)(await _api.CreateRunAsync(new { agentId = agent, priority }))["id"]!;
        await _api.WaitForStateAsync(run, "running");
        return run;
    }

    private async Task<long> QueueAsync(long agent, string priority)
    {
        var run = (long)(await _api.CreateRunAsync(new { agentId = agent, priority }))["id"]!;
        Assert.Equal("queued", (string?)(await _api.GetJsonAsync($"runs/{run}"))["run"]!["state"]);
        return run;
    }

    /// <summary>Waits until this test's runs are all gone, so the next test starts with empty lanes.</summary>
    private static async Task WaitUntilIdleAsync(ApiClient api)
    {
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

    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart()[0] is not ('Z' or 'X');
}
