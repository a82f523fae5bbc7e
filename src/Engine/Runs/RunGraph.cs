using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Runs;

/// <summary>A run in the dependency graph.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AgentName">Its agent.</param>
/// <param name="State">Its state now.</param>
/// <param name="Priority">Its effective priority.</param>
/// <param name="InheritedFrom">The run it inherits its priority from, if any.</param>
/// <param name="ScheduleId">The schedule that created it.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record GraphRun(long RunId, string AgentName, RunState State, Priority Priority, long? InheritedFrom, int? ScheduleId, DateTimeOffset CreatedAt);

/// <summary>An edge: <paramref name="Dependent"/> waits for <paramref name="DependsOn"/>.</summary>
public sealed record GraphEdge(long Dependent, long DependsOn);

/// <summary>A schedule in the schedule graph.</summary>
public sealed record GraphSchedule(int ScheduleId, string Name, ScheduleType Type, bool Paused);

/// <summary>An edge between schedules: a cascade (fires after the upstream's runs succeed) or a dependency.</summary>
public sealed record GraphScheduleEdge(int Schedule, int Upstream, bool Cascade);

/// <summary>
/// The dependency graph of runs (around a root, or the active runs and their neighbours) and of schedules,
/// with states, for the graph view. <see cref="Truncated"/> says when the node limit cut it short.
/// </summary>
public sealed record RunGraph(
    IReadOnlyList<GraphRun> Runs,
    IReadOnlyList<GraphEdge> Edges,
    IReadOnlyList<GraphSchedule> Schedules,
    IReadOnlyList<GraphScheduleEdge> ScheduleEdges,
    bool Truncated);
