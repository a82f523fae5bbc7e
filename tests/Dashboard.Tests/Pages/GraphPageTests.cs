using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class GraphPageTests : BunitContext
{
    private readonly FakeDashboardClient _client;
    private readonly BunitJSModuleInterop _script;

    public GraphPageTests()
    {
        _client = this.AddTestServices();
        _script = JSInterop.SetupModule(DependencyGraphView.ScriptPath);
        _script.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Graph_WithoutRuns_ShowsTheEmptyStateAndDrawsNothing()
    {
        var page = Render<Graph>();

        Assert.Equal("No dependencies to draw", page.Find("[data-testid=empty-state] h2").TextContent);
        page.WaitForAssertion(() => Assert.Empty(Nodes(Single("draw"))));
        Assert.Empty(page.FindAll("[data-testid=graph-legend]"));
    }

    [Fact]
    public void Graph_DrawsEveryRunColouredByStateWithItsEdges()
    {
        _client.Graph = Chain();

        var page = Render<Graph>();

        page.WaitForAssertion(() => Assert.Single(_script.Invocations["draw"]));
        var draw = Single("draw");
        Assert.Equal(["run-1", "run-2", "run-3"], Nodes(draw).Select(n => n.Id));
        Assert.Equal(("extract\n#1 · running", "running", "primary"), (Nodes(draw)[0].Label, Nodes(draw)[0].State, Nodes(draw)[0].Color));
        Assert.Equal(("warning", true), (Nodes(draw)[2].Color, Nodes(draw)[2].Waiting));
        Assert.Equal([("run-1", "run-2"), ("run-2", "run-3")], Edges(draw).Select(e => (e.Source, e.Target)));
        Assert.Contains("waiting for dependencies", page.Find("[data-testid=graph-legend]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Dependency graph of 3 runs and 2 dependencies", page.Find("[data-testid=graph-canvas]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task LiveStateChange_RecoloursTheNodeWithoutRedrawing()
    {
        _client.Graph = Chain();
        var page = Render<Graph>();
        page.WaitForAssertion(() => Assert.Single(_script.Invocations["draw"]));

        await _client.PublishAsync(FakeDashboardClient.Change(1, FakeDashboardClient.Run(1, RunState.Succeeded, version: 2, agent: "extract")));

        page.WaitForAssertion(() => Assert.Single(_script.Invocations["update"]));
        var update = Single("update");
        var changed = Assert.Single(Nodes(update, 1));
        Assert.Equal(("run-1", "succeeded", "success"), (changed.Id, changed.State, changed.Color));
        Assert.Empty(Nodes(update, 2));
        Assert.Single(_script.Invocations["draw"]);
    }

    [Fact]
    public async Task LiveNewRun_DependingOnADrawnRun_IsAddedWithItsEdge()
    {
        _client.Graph = Chain();
        var page = Render<Graph>();
        page.WaitForAssertion(() => Assert.Single(_script.Invocations["draw"]));

        await _client.PublishAsync(FakeDashboardClient.Change(1, FakeDashboardClient.Run(4, RunState.Pending, agent: "report") with { DependsOn = [3] }));

        page.WaitForAssertion(() => Assert.Single(_script.Invocations["update"]));
        var update = Single("update");
        Assert.Equal("run-4", Assert.Single(Nodes(update, 2)).Id);
        Assert.Equal(("run-3", "run-4"), Assert.Single(Edges(update, 3)) is var edge ? (edge.Source, edge.Target) : default);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=waiting-4]")));
    }

    [Fact]
    public async Task FeedGap_ReloadsAndRedrawsTheWholeGraph()
    {
        _client.Graph = Chain();
        var page = Render<Graph>();
        page.WaitForAssertion(() => Assert.Single(_script.Invocations["draw"]));
        _client.Graph = new RunGraph([Node(7, RunState.Queued, "fresh")], [], [], [], Truncated: true);

        await _client.RequireResnapshotAsync();

        page.WaitForAssertion(() => Assert.Equal(2, _script.Invocations["draw"].Count));
        Assert.Equal(["run-7"], Nodes(_script.Invocations["draw"][^1]).Select(n => n.Id));
        page.WaitForAssertion(() => Assert.Contains("The graph is cut short at 1 run", page.Find("[data-testid=graph-truncated]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NodeClick_OpensTheRun()
    {
        _client.Graph = Chain();
        var page = Render<Graph>();
        page.WaitForAssertion(() => Assert.Single(_script.Invocations["mount"]));
        var view = Assert.IsType<DotNetObjectReference<DependencyGraphView>>(_script.Invocations["mount"][0].Arguments[1]);

        page.InvokeAsync(() => view.Value.OnNodeClicked("run-2"));

        Assert.EndsWith("/runs/2", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectingAWaitingRun_HighlightsItsUnfinishedUpstreamRunsAndEdges()
    {
        _client.Graph = new RunGraph(
            [Node(1, RunState.Running), Node(2, RunState.Pending), Node(3, RunState.Pending), Node(9, RunState.Succeeded)],
            [new GraphEdge(2, 1), new GraphEdge(2, 9), new GraphEdge(3, 2)],
            [], [], Truncated: false);
        var page = Render<Graph>();
        page.WaitForAssertion(() => Assert.Single(_script.Invocations["draw"]));

        page.Find("[data-testid=waiting-3]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, _script.Invocations["highlight"].Count));
        var highlight = _script.Invocations["highlight"][^1];
        Assert.Equal(["run-1", "run-2"], (List<string>)highlight.Arguments[1]!);
        Assert.Equal(["edge-1-2", "edge-2-3"], ((List<string>)highlight.Arguments[2]!).Order());
        Assert.Equal("run-3", highlight.Arguments[3]);
        Assert.Contains("waits for 2 unfinished runs", page.Find("[data-testid=graph-selection]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("[data-testid=waiting-3]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task SelectedRun_WhoseUpstreamFinishes_LosesItsHighlightLive()
    {
        _client.Graph = Chain();
        var page = Render<Graph>();
        page.WaitForAssertion(() => Assert.Single(_script.Invocations["draw"]));
        page.Find("[data-testid=waiting-2]").Click();

        await _client.PublishAsync(FakeDashboardClient.Change(1, FakeDashboardClient.Run(1, RunState.Succeeded, version: 2, agent: "extract")));

        page.WaitForAssertion(() => Assert.Empty((List<string>)_script.Invocations["highlight"][^1].Arguments[1]!));
        Assert.Contains("waits for nothing in this graph", page.Find("[data-testid=graph-selection]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_WithRootAndDepth_DrawsAroundThatRun()
    {
        _client.Graph = Chain();
        Services.GetRequiredService<NavigationManager>().NavigateTo("graph?root=2&depth=3");

        var page = Render<Graph>();

        Assert.Contains("Runs within 3 dependency hops of run 2", page.Find("[data-testid=graph-query]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("[data-testid=graph-query] input").GetAttribute("value"));
    }

    [Fact]
    public void Address_WithARootThatDoesNotExist_SaysSo()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("graph?root=77");

        var page = Render<Graph>();

        Assert.Contains("Run 77 does not exist", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SchedulesView_DrawsSchedulesWithCascadesSolidAndDependenciesDashed()
    {
        _client.Graph = new RunGraph(
            [], [],
            [new GraphSchedule(1, "nightly", ScheduleType.Recurring, Paused: false), new GraphSchedule(2, "report", ScheduleType.Cascading, Paused: true), new GraphSchedule(3, "audit", ScheduleType.OnDemand, Paused: false)],
            [new GraphScheduleEdge(2, 1, Cascade: true), new GraphScheduleEdge(3, 1, Cascade: false)],
            Truncated: false);
        Services.GetRequiredService<NavigationManager>().NavigateTo("graph?view=schedules");

        var page = Render<Graph>();

        page.WaitForAssertion(() => Assert.Single(_script.Invocations["draw"]));
        var draw = Single("draw");
        Assert.Equal(["schedule-1", "schedule-2", "schedule-3"], Nodes(draw).Select(n => n.Id));
        Assert.Equal(("paused", "default"), (Nodes(draw)[1].State, Nodes(draw)[1].Color));
        Assert.Equal([("schedule-1", "schedule-2", false), ("schedule-1", "schedule-3", true)], Edges(draw).Select(e => (e.Source, e.Target, e.Dashed)));
        Assert.Contains("cascades", page.Find("[data-testid=graph-legend]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=graph-side]"));
    }

    private static GraphRun Node(long id, RunState state, string agent = "agent") =>
        new(id, agent, state, Priority.Medium, null, null, DateTimeOffset.UtcNow);

    /// <summary>extract (#1, running) ← transform (#2, pending) ← load (#3, pending).</summary>
    private static RunGraph Chain() => new(
        [Node(1, RunState.Running, "extract"), Node(2, RunState.Pending, "transform"), Node(3, RunState.Pending, "load")],
        [new GraphEdge(2, 1), new GraphEdge(3, 2)],
        [], [], Truncated: false);

    private JSRuntimeInvocation Single(string function) => Assert.Single(_script.Invocations[function]);

    private static List<GraphNodeElement> Nodes(JSRuntimeInvocation invocation, int index = 1) => (List<GraphNodeElement>)invocation.Arguments[index]!;

    private static List<GraphEdgeElement> Edges(JSRuntimeInvocation invocation, int index = 2) => (List<GraphEdgeElement>)invocation.Arguments[index]!;
}
