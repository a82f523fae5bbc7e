using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.EndToEnd.Tests.Api;

namespace Scheduler.EndToEnd.Tests.Pages;

[Collection(OnGraphServer.Name)]
public sealed partial class GraphPageTests(GraphServer server, Chromium chromium) : IAsyncDisposable
{
    private readonly ApiClient _api = new(server);

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task SeededChain_RendersItsNodesAndEdges_AndNewRunsAndStateChangesShowWithoutReload()
    {
        var (a, b, c) = await SeedChainAsync();
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync($"graph?root={b}&depth=2");
        await session.Page.EvaluateAsync("window.__sameDocument = true");

        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-node-count", "3");
        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-edge-count", "2");
        Assert.Equal("running", await StateAsync(session, a));
        Assert.Equal(("pending", "warning"), (await StateAsync(session, c), (await NodeAsync(session, c)).GetProperty("color").GetString()));
        Assert.True(await EdgeExistsAsync(session, a, b));
        Assert.True(await EdgeExistsAsync(session, b, c));

        var d = (long)(await _api.CreateRunAsync(new { agentId = await AgentAsync("noop"), dependsOn = new[] { c } }))["id"]!;
        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-node-count", "4");
        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-edge-count", "3");
        Assert.True(await EdgeExistsAsync(session, c, d));

        using var cancel = await _api.PostAsync($"runs/{a}/cancel");
        await WaitForStateAsync(session, a, "cancelled");
        await WaitForStateAsync(session, c, "upstream failed");

        Assert.True(await session.Page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page reloaded");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task EmptyGraph_ShowsTheFirstQueuedRunFittedOnScreenWithoutReload()
    {
        await WaitUntilNoRunIsUnfinishedAsync();
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("graph");
        await Assertions.Expect(session.Page.GetByTestId("empty-state")).ToBeVisibleAsync();

        var run = (long)(await _api.CreateRunAsync(new { agentId = await AgentAsync("sleep", "300") }))["id"]!;

        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-node-count", "1");
        await Assertions.Expect(session.Page.GetByTestId("empty-state")).ToHaveCountAsync(0);
        await session.Page.WaitForFunctionAsync("() => window.schedulerGraph?.zoom > 0.5");
        var box = (await Canvas(session).BoundingBoxAsync())!;
        var at = await session.Page.EvaluateAsync<JsonElement>("id => window.schedulerGraph.viewportPosition(id)", $"run-{run}");
        var (x, y) = (at.GetProperty("x").GetSingle(), at.GetProperty("y").GetSingle());
        Assert.InRange(x, box.X, box.X + box.Width);
        Assert.InRange(y, box.Y, box.Y + box.Height);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task ClickingANode_OpensItsRun()
    {
        var (_, _, c) = await SeedChainAsync();
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync($"graph?root={c}&depth=2");
        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-node-count", "3");
        Assert.Empty(session.Errors);

        var at = await session.Page.EvaluateAsync<JsonElement>("id => window.schedulerGraph.viewportPosition(id)", $"run-{c}");
        await session.Page.Mouse.ClickAsync(at.GetProperty("x").GetSingle(), at.GetProperty("y").GetSingle());

        await Assertions.Expect(session.Page).ToHaveURLAsync(new Regex($"/runs/{c}$"));
    }

    [Fact]
    public async Task SelectingAWaitingRun_HighlightsTheUnfinishedRunsAndEdgesThatBlockIt()
    {
        var sleeper = await AgentAsync("sleep", "300");
        var noop = await AgentAsync("noop");
        var items = await BatchApiTests.CreateBatchAsync(_api, new
        {
            runs = new object[]
            {
                new { key = "a", agentId = sleeper },
                new { key = "done", agentId = noop },
                new { key = "b", agentId = noop, dependsOnKeys = new List<string> { "a" } },
                new { key = "c", agentId = noop, dependsOnKeys = new List<string> { "b", "done" } },
            },
        });
        var (a, done, b, c) = (Id(items[0]), Id(items[1]), Id(items[2]), Id(items[3]));
        await _api.WaitForStateAsync(a, "running");
        await _api.WaitForStateAsync(done, "succeeded");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync($"graph?root={c}&depth=3");
        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-node-count", "4");

        await session.Page.GetByTestId($"waiting-{c}").ClickAsync();

        await Assertions.Expect(session.Page.GetByTestId("graph-selection")).ToContainTextAsync("waits for 2 unfinished runs");
        // The panel renders first; the drawing is told right after.
        await session.Page.WaitForFunctionAsync("() => window.schedulerGraph?.highlighted().nodes.length === 2");
        var highlighted = await session.Page.EvaluateAsync<JsonElement>("window.schedulerGraph.highlighted()");
        Assert.Equal(new[] { $"run-{a}", $"run-{b}" }.Order(StringComparer.Ordinal), Strings(highlighted.GetProperty("nodes")).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { $"edge-{a}-{b}", $"edge-{b}-{c}" }.Order(StringComparer.Ordinal), Strings(highlighted.GetProperty("edges")).Order(StringComparer.Ordinal));
        await session.ScreenshotAsync("graph-blocking-path-light");

        using var cancel = await _api.PostAsync($"runs/{a}/cancel");
        await session.Page.WaitForFunctionAsync("() => window.schedulerGraph?.highlighted().nodes.length === 0");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task FiveHundredRuns_AreAllDrawn_AndTheTimeToDrawThemIsPrinted()
    {
        var sleeper = await AgentAsync("sleep", "300");
        var noop = await AgentAsync("noop");
        var runs = new List<object> { new { key = "root", agentId = sleeper } };
        var edges = 0;
        for (var i = 1; i < 500; i++)
        {
            // Layers of 50: each run waits for one or two runs of the layer before it.
            var (layer, slot) = (i / 50, i % 50);
            var upstream = layer == 0 ? ["root"] : new List<string> { Key(layer - 1, slot), Key(layer - 1, (slot + 7) % 50) }.Distinct().ToList();
            edges += upstream.Count;
            runs.Add(new { key = Key(layer, slot), agentId = noop, dependsOnKeys = upstream });
        }

        var items = await BatchApiTests.CreateBatchAsync(_api, new { runs });
        var root = Id(items[0]);
        await _api.WaitForStateAsync(root, "running");
        await using var session = await BrowserSession.OpenAsync(chromium, server, 1920, 1080);

        var clock = Stopwatch.StartNew();
        await session.Page.GotoAsync($"graph?root={root}&depth=20");
        await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-node-count", "500", new() { Timeout = 60_000 });
        var drawn = clock.Elapsed;

        Assert.Equal(500, await session.Page.EvaluateAsync<int>("window.schedulerGraph.nodeCount"));
        Assert.Equal(edges, await session.Page.EvaluateAsync<int>("window.schedulerGraph.edgeCount"));
        var layoutMs = await session.Page.EvaluateAsync<double>("window.schedulerGraph.layoutMs");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"500-node graph ({edges} edges): drawn {drawn.TotalMilliseconds:F0} ms after navigation; cytoscape add + dagre layout {layoutMs:F0} ms");
        Console.WriteLine($"[graph benchmark] 500 nodes, {edges} edges: page to all nodes drawn {drawn.TotalMilliseconds:F0} ms; layout {layoutMs:F0} ms");
        await session.ScreenshotAsync("graph-500-nodes-1920-light");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Graph_LooksRightInLightAndDarkAtBothSizes()
    {
        var sleeper = await AgentAsync("sleep", "300");
        var noop = await AgentAsync("noop");
        var fail = await AgentAsync("fail", "3", "broken");
        var items = await BatchApiTests.CreateBatchAsync(_api, new
        {
            runs = new object[]
            {
                new { key = "extract", agentId = sleeper },
                new { key = "download", agentId = noop },
                new { key = "broken", agentId = fail },
                new { key = "transform", agentId = noop, dependsOnKeys = new List<string> { "extract", "download" } },
                new { key = "clean", agentId = noop, dependsOnKeys = new List<string> { "broken" } },
                new { key = "load", agentId = noop, dependsOnKeys = new List<string> { "transform" } },
                new { key = "report", agentId = noop, dependsOnKeys = new List<string> { "load", "clean" } },
                new { key = "index", agentId = noop, dependsOnKeys = new List<string> { "transform" } },
            },
        });
        var extract = Id(items[0]);
        await _api.WaitForStateAsync(extract, "running");
        await _api.WaitForStateAsync(Id(items[2]), "failed");
        await _api.WaitForStateAsync(Id(items[1]), "succeeded");

        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            await using var session = await BrowserSession.OpenAsync(chromium, server, width, height);
            await session.GotoAsync($"graph?root={extract}&depth=6");
            await Assertions.Expect(Canvas(session)).ToHaveAttributeAsync("data-node-count", "8");
            await session.Page.GetByTestId($"waiting-{Id(items[5])}").ClickAsync();
            await Assertions.Expect(session.Page.GetByTestId("graph-selection")).ToBeVisibleAsync();
            await session.Page.WaitForFunctionAsync("() => window.schedulerGraph?.highlighted().nodes.length > 0");
            await session.ScreenshotAsync($"graph-{width}-light");
            var lightFill = (await NodeAsync(session, extract)).GetProperty("fill").GetString();
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
            await session.Page.WaitForFunctionAsync("([id, fill]) => window.schedulerGraph?.node(id).fill !== fill", new[] { $"run-{extract}", lightFill });
            await session.ScreenshotAsync($"graph-{width}-dark");
            Assert.Empty(session.Errors);
        }
    }

    [Fact]
    public async Task SchedulesView_DrawsCascades_AndScheduleChangesShowWithoutReload()
    {
        var agentId = await AgentAsync("noop");
        var upstream = await ScheduleApiTests.CreateAsync(_api, new { agentId, name = ApiClient.UniqueName("nightly-extract"), type = "on_demand" });
        var cascade = await ScheduleApiTests.CreateAsync(_api, new { agentId, name = ApiClient.UniqueName("transform"), type = "cascading", trigger = new { type = "dependency", upstreamScheduleId = upstream } });
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("graph?view=schedules");
        await session.Page.EvaluateAsync("window.__sameDocument = true");

        await session.Page.WaitForFunctionAsync("([s, t]) => window.schedulerGraph?.edge(s, t) != null", new[] { $"schedule-{upstream}", $"schedule-{cascade}" });
        Assert.Equal("active", await ScheduleStateAsync(session, upstream));
        await Assertions.Expect(session.Page.GetByTestId("graph-legend")).ToContainTextAsync("cascades");

        var report = await ScheduleApiTests.CreateAsync(_api, new { agentId, name = ApiClient.UniqueName("report"), type = "cascading", trigger = new { type = "dependency", upstreamScheduleId = cascade } });
        using var pause = await _api.PostAsync($"schedules/{upstream}/pause");
        await session.Page.WaitForFunctionAsync("([s, t]) => window.schedulerGraph?.edge(s, t) != null", new[] { $"schedule-{cascade}", $"schedule-{report}" });
        await session.Page.WaitForFunctionAsync("id => window.schedulerGraph?.node(id)?.state === 'paused'", $"schedule-{upstream}");

        await session.ScreenshotAsync("graph-schedules-light");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await session.ScreenshotAsync("graph-schedules-dark");
        Assert.True(await session.Page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page reloaded");
        Assert.Empty(session.Errors);
    }

    private static async Task<string?> ScheduleStateAsync(BrowserSession session, int scheduleId) =>
        (await session.Page.EvaluateAsync<JsonElement>("id => window.schedulerGraph.node(id)", $"schedule-{scheduleId}")).GetProperty("state").GetString();

    /// <summary>Earlier tests' sleepers are cancelled when they end; their dependents then fail upstream.</summary>
    private async Task WaitUntilNoRunIsUnfinishedAsync()
    {
        for (var i = 0; i < 300 && (await _api.GetJsonAsync("graph"))["runs"]!.AsArray().Any(r => (string?)r!["state"] is "pending" or "queued" or "assigned" or "running"); i++)
        {
            await Task.Delay(100, ApiClient.Token);
        }
    }

    private static ILocator Canvas(BrowserSession session) => session.Page.GetByTestId("graph-canvas");

    private static string Key(int layer, int slot) => layer == 0 && slot == 0 ? "root" : $"n{layer}-{slot}";

    private static long Id(System.Text.Json.Nodes.JsonNode run) => (long)run["id"]!;

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    private static async Task<JsonElement> NodeAsync(BrowserSession session, long runId) =>
        await session.Page.EvaluateAsync<JsonElement>("id => window.schedulerGraph.node(id)", $"run-{runId}");

    private static async Task<string?> StateAsync(BrowserSession session, long runId) => (await NodeAsync(session, runId)).GetProperty("state").GetString();

    private static Task<bool> EdgeExistsAsync(BrowserSession session, long from, long to) =>
        session.Page.EvaluateAsync<bool>("([s, t]) => window.schedulerGraph.edge(s, t) !== null", new[] { $"run-{from}", $"run-{to}" });

    private static async Task WaitForStateAsync(BrowserSession session, long runId, string state) =>
        await session.Page.WaitForFunctionAsync("([id, state]) => window.schedulerGraph?.node(id)?.state === state", new[] { $"run-{runId}", state });

    private async Task<int> AgentAsync(string command, params string[] args) =>
        (int)(await _api.CreateAgentAsync(command, args))["id"]!;

    /// <summary>a (sleeping, running) ← b ← c (both waiting).</summary>
    private async Task<(long A, long B, long C)> SeedChainAsync()
    {
        var sleeper = await AgentAsync("sleep", "300");
        var noop = await AgentAsync("noop");
        var items = await BatchApiTests.CreateBatchAsync(_api, new
        {
            runs = new object[]
            {
                new { key = "a", agentId = sleeper },
                new { key = "b", agentId = noop, dependsOnKeys = new List<string> { "a" } },
                new { key = "c", agentId = noop, dependsOnKeys = new List<string> { "b" } },
            },
        });
        var (a, b, c) = (Id(items[0]), Id(items[1]), Id(items[2]));
        await _api.WaitForStateAsync(a, "running");
        return (a, b, c);
    }
}
