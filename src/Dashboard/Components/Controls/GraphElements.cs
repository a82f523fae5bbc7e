using MudBlazor;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Components.Controls;

/// <summary>Which graph the Graph page draws.</summary>
public enum GraphViewKind
{
    /// <summary>Runs and the runs they depend on.</summary>
    Runs = 0,

    /// <summary>Schedules and the schedules they cascade from or depend on.</summary>
    Schedules = 1,
}

/// <summary>A node as the graph script draws it.</summary>
/// <param name="Id">"run-{id}" or "schedule-{id}".</param>
/// <param name="Label">Two lines: the agent (or schedule) name, then the run id (or schedule type).</param>
/// <param name="State">The state in words.</param>
/// <param name="Color">The palette colour it is filled with: primary, secondary, info, success, warning, error or default.</param>
/// <param name="Waiting">Whether it is a run waiting for dependencies.</param>
public sealed record GraphNodeElement(string Id, string Label, string State, string Color, bool Waiting);

/// <summary>An edge as the graph script draws it, from the upstream node to the node that waits for it.</summary>
/// <param name="Id">A stable id.</param>
/// <param name="Source">The upstream node.</param>
/// <param name="Target">The node that waits for (or cascades from) the source.</param>
/// <param name="Dashed">Drawn dashed: a schedule that waits for its upstream's latest run rather than cascading from it.</param>
public sealed record GraphEdgeElement(string Id, string Source, string Target, bool Dashed);

/// <summary>How runs and schedules become the nodes and edges the graph script draws, coloured like everywhere else.</summary>
public static class GraphElements
{
    private const int MaxNameLength = 22;

    /// <summary>The states in the order the legend lists them, one per colour.</summary>
    public static IReadOnlyList<(string Label, Color Color)> Legend { get; } =
    [
        ("waiting for dependencies", PriorityColors.Of(RunState.Pending)),
        ("queued", PriorityColors.Of(RunState.Queued)),
        ("assigned", PriorityColors.Of(RunState.Assigned)),
        ("running", PriorityColors.Of(RunState.Running)),
        ("succeeded", PriorityColors.Of(RunState.Succeeded)),
        ("failed, timed out or upstream failed", PriorityColors.Of(RunState.Failed)),
        ("cancelled", PriorityColors.Of(RunState.Cancelled)),
    ];

    /// <summary>The node id of a run.</summary>
    public static string RunNodeId(long runId) => $"run-{runId}";

    /// <summary>The node id of a schedule.</summary>
    public static string ScheduleNodeId(int scheduleId) => $"schedule-{scheduleId}";

    /// <summary>The edge id of a dependency between runs.</summary>
    public static string EdgeId(GraphEdge edge) => $"edge-{edge.DependsOn}-{edge.Dependent}";

    /// <summary>The palette name of a colour, as the graph script and CSS variables spell it.</summary>
    public static string ColorName(Color color) => color.ToString().ToLowerInvariant();

    /// <summary>The CSS colour of a palette colour, for legend swatches.</summary>
    public static string CssColor(Color color) =>
        color == Color.Default ? "var(--mud-palette-gray-default)" : $"var(--mud-palette-{ColorName(color)})";

    /// <summary>A run as a node.</summary>
    public static GraphNodeElement Node(GraphRun run) => new(
        RunNodeId(run.RunId),
        $"{Shorten(run.AgentName)}\n#{run.RunId} · {Describe.State(run.State)}",
        Describe.State(run.State),
        ColorName(PriorityColors.Of(run.State)),
        run.State == RunState.Pending);

    /// <summary>A dependency as an edge from the run waited for to the run that waits.</summary>
    public static GraphEdgeElement Edge(GraphEdge edge) => new(EdgeId(edge), RunNodeId(edge.DependsOn), RunNodeId(edge.Dependent), Dashed: false);

    /// <summary>A schedule as a node: active schedules in the primary colour, paused ones grey.</summary>
    public static GraphNodeElement Node(GraphSchedule schedule) => new(
        ScheduleNodeId(schedule.ScheduleId),
        $"{Shorten(schedule.Name)}\n#{schedule.ScheduleId} · {(schedule.Paused ? "paused" : "active")}",
        schedule.Paused ? "paused" : "active",
        ColorName(schedule.Paused ? Color.Default : Color.Primary),
        Waiting: false);

    /// <summary>A cascade (solid) or a dependency (dashed) between schedules.</summary>
    public static GraphEdgeElement Edge(GraphScheduleEdge edge) => new(
        $"schedule-edge-{edge.Upstream}-{edge.Schedule}-{(edge.Cascade ? "cascade" : "dependency")}",
        ScheduleNodeId(edge.Upstream),
        ScheduleNodeId(edge.Schedule),
        Dashed: !edge.Cascade);

    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : string.Concat(name.AsSpan(0, MaxNameLength - 1), "…");
}
