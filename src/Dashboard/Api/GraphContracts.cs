using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>A run of the dependency graph.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AgentName">Its agent.</param>
/// <param name="State">Its state now.</param>
/// <param name="Priority">Its effective priority (inherited while <paramref name="InheritedFrom"/> is set).</param>
/// <param name="InheritedFrom">The pending run it inherits its priority from, if any.</param>
/// <param name="ScheduleId">The schedule that created it, if any.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record GraphRunResponse(long RunId, string AgentName, RunState State, Priority Priority, long? InheritedFrom, int? ScheduleId, DateTimeOffset CreatedAt);

/// <summary>An edge of the run graph: <paramref name="Dependent"/> waits for <paramref name="DependsOn"/>.</summary>
/// <param name="Dependent">The run that waits.</param>
/// <param name="DependsOn">The run it waits for.</param>
public sealed record GraphEdgeResponse(long Dependent, long DependsOn);

/// <summary>A schedule of the schedule graph.</summary>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="Name">Its name (or "schedule {id}").</param>
/// <param name="Type">on_demand, recurring, api, event, conditional or cascading.</param>
/// <param name="Paused">Whether it is paused.</param>
public sealed record GraphScheduleResponse(int ScheduleId, string Name, ScheduleType Type, bool Paused);

/// <summary>An edge of the schedule graph.</summary>
/// <param name="Schedule">The downstream schedule.</param>
/// <param name="Upstream">The schedule it follows.</param>
/// <param name="Cascade">True when it fires after the upstream's runs succeed; false when its runs wait for the upstream's latest run.</param>
public sealed record GraphScheduleEdgeResponse(int Schedule, int Upstream, bool Cascade);

/// <summary>The dependency graph of runs (around a root, or the unfinished runs and their neighbours) and of schedules.</summary>
/// <param name="Runs">The runs, by id.</param>
/// <param name="Edges">Dependencies between those runs.</param>
/// <param name="Schedules">Every schedule.</param>
/// <param name="ScheduleEdges">Cascades and dependencies between schedules.</param>
/// <param name="Truncated">Whether the node limit cut the run graph short.</param>
public sealed record GraphResponse(
    IReadOnlyList<GraphRunResponse> Runs,
    IReadOnlyList<GraphEdgeResponse> Edges,
    IReadOnlyList<GraphScheduleResponse> Schedules,
    IReadOnlyList<GraphScheduleEdgeResponse> ScheduleEdges,
    bool Truncated);
