using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Components.Controls;

/// <summary>
/// Draws a <see cref="DependencyGraph"/> through the graph script (assets/graph.js) and keeps the drawing current:
/// the first draw sends every node and edge; afterwards only what changed is sent, at most ten times a second (a
/// state change re-colours a node, new runs and edges are added and laid out). Clicking a node opens its run.
/// </summary>
public partial class DependencyGraphView
{
    /// <summary>Where the graph script is served from.</summary>
    public const string ScriptPath = "./assets/graph.js";

    private const int MaxWaitingListed = 100;

    private DependencyGraph _graph = default!;
    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private DotNetObjectReference<DependencyGraphView>? _self;
    private bool _drawn;
    private bool _drawnEmpty;
    private GraphViewKind _drawnView;
    private bool _highlightChanged;
    private bool _flushing;
    private bool _flushAgain;
    private bool _disposed;
    private long? _selected;
    private BlockingPath? _path;
    private WaitReason? _reason;
    private List<GraphRun> _waiting = [];

    /// <summary>The run the graph is drawn around; null for the unfinished runs and their neighbours.</summary>
    [Parameter]
    public long? Root { get; set; }

    /// <summary>How many dependency hops from <see cref="Root"/> the graph reaches.</summary>
    [Parameter]
    public int Depth { get; set; }

    /// <summary>Whether runs or schedules are drawn.</summary>
    [Parameter]
    public GraphViewKind View { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool HasNodes => _graph.Loaded && (View == GraphViewKind.Runs ? _graph.Runs.Count > 0 : _graph.Schedules.Count > 0);

    private bool ShowsPanel => HasNodes && View == GraphViewKind.Runs;

    private string SelectedState => _selected is { } id && _graph.Runs.TryGetValue(id, out var run) ? Describe.State(run.State) : "not in this graph";

    private string Description => View == GraphViewKind.Runs
        ? $"Dependency graph of {Plural(_graph.Runs.Count, "run")} and {Plural(_graph.Edges.Count, "dependency", "dependencies")}"
        : $"Graph of {Plural(_graph.Schedules.Count, "schedule")} and {Plural(_graph.ScheduleEdges.Count, "cascade or dependency", "cascades and dependencies")}";

    /// <summary>Opens what a clicked node stands for: a run's page, or the schedules.</summary>
    /// <param name="nodeId">"run-{id}" or "schedule-{id}".</param>
    [JSInvokable]
    public void OnNodeClicked(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        if (nodeId.StartsWith("run-", StringComparison.Ordinal) && long.TryParse(nodeId.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            Navigation.NavigateTo($"runs/{runId}");
        }
        else if (nodeId.StartsWith("schedule-", StringComparison.Ordinal))
        {
            Navigation.NavigateTo("schedules");
        }
    }

    /// <summary>Stops following the feed and takes the drawing down.</summary>
    public new async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("unmount", _canvas);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone, and the drawing with it.
            }
        }

        _self?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _graph = new DependencyGraph(Client, Root, Depth);
        await TrackAsync(_graph);
        RefreshWaiting();
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (View != _drawnView)
        {
            _drawn = false;
        }
    }

    /// <inheritdoc />
    protected override async Task OnLiveChangesAppliedAsync()
    {
        RefreshWaiting();
        if (_selected is { } id)
        {
            _path = _graph.BlockingPathOf(id);
            _highlightChanged = true;
        }

        // Once the drawing exists, changes go to it before the page re-renders.
        if (_module is not null)
        {
            await FlushAsync();
        }
    }

    /// <inheritdoc />
    protected override Task OnAfterRenderAsync(bool firstRender) => FlushAsync();

    private static string Plural(int count, string one, string? many = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? one : many ?? one + "s")}";

    private void RefreshWaiting() => _waiting = [.. _graph.Waiting];

    private async Task SelectAsync(long runId)
    {
        _selected = runId;
        _path = _graph.BlockingPathOf(runId);
        _highlightChanged = true;
        _reason = null;
        var reasons = await Client.GetWaitReasonsAsync([runId], Lifetime);
        _reason = _selected == runId ? reasons.GetValueOrDefault(runId) : _reason;
    }

    private void ClearSelection()
    {
        _selected = null;
        _path = null;
        _reason = null;
        _highlightChanged = true;
    }

    private Task ZoomAsync(double factor) => CallAsync("zoom", factor);

    private Task FitAsync() => CallAsync("fit");

    private async Task CallAsync(string function, params object[] arguments)
    {
        if (_module is not null && !_disposed)
        {
            await _module.InvokeVoidAsync(function, Lifetime, [_canvas, .. arguments]);
        }
    }

    // Renders can overlap while a call to the browser is awaited; one flush at a time sends what is pending.
    private async Task FlushAsync()
    {
        if (_flushing)
        {
            _flushAgain = true;
            return;
        }

        _flushing = true;
        try
        {
            do
            {
                _flushAgain = false;
                await FlushOnceAsync();
            }
            while (_flushAgain && !_disposed);
        }
        catch (Exception error) when (error is JSDisconnectedException or OperationCanceledException or ObjectDisposedException or EngineStoppedException)
        {
            // The circuit or the page went away while drawing: nothing left to draw on.
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task FlushOnceAsync()
    {
        if (!_graph.Loaded || _disposed)
        {
            return;
        }

        if (_module is null)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", Lifetime, ScriptPath);
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("mount", Lifetime, _canvas, _self);
        }

        var changes = _graph.TakeChanges();
        var schedulesRedraw = View == GraphViewKind.Schedules && changes.SchedulesChanged;
        var runsRedraw = View == GraphViewKind.Runs && _drawnEmpty && changes.HasRunChanges;
        if (!_drawn || changes.Redraw || schedulesRedraw || runsRedraw)
        {
            var (nodes, edges) = Elements();
            await _module.InvokeAsync<double>("draw", Lifetime, _canvas, nodes, edges);
            _drawn = true;
            _drawnView = View;
            _drawnEmpty = nodes.Count == 0;
            _highlightChanged = true;
        }
        else if (View == GraphViewKind.Runs && changes.HasRunChanges)
        {
            await _module.InvokeVoidAsync(
                "update",
                Lifetime,
                _canvas,
                changes.Changed.Select(GraphElements.Node).ToList(),
                changes.Added.Select(GraphElements.Node).ToList(),
                changes.AddedEdges.Select(GraphElements.Edge).ToList());
        }

        if (_highlightChanged)
        {
            _highlightChanged = false;
            var path = View == GraphViewKind.Runs ? _path : null;
            await _module.InvokeVoidAsync(
                "highlight",
                Lifetime,
                _canvas,
                path?.Runs.Select(GraphElements.RunNodeId).ToList() ?? [],
                path?.Edges.Select(GraphElements.EdgeId).ToList() ?? [],
                View == GraphViewKind.Runs && _selected is { } id ? GraphElements.RunNodeId(id) : null);
        }
    }

    private (List<GraphNodeElement> Nodes, List<GraphEdgeElement> Edges) Elements()
    {
        if (View == GraphViewKind.Runs)
        {
            return ([.. _graph.Runs.Values.OrderBy(r => r.RunId).Select(GraphElements.Node)], [.. _graph.Edges.Select(GraphElements.Edge)]);
        }

        var ids = _graph.Schedules.Select(s => s.ScheduleId).ToHashSet();
        return (
            [.. _graph.Schedules.Select(GraphElements.Node)],
            [.. _graph.ScheduleEdges.Where(e => ids.Contains(e.Schedule) && ids.Contains(e.Upstream)).Select(GraphElements.Edge)]);
    }
}
