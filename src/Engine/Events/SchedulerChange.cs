using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Events;

/// <summary>What kind of thing changed.</summary>
public enum ChangeKind : byte
{
    /// <summary>A run was created, changed state, moved in the queue or was updated; <see cref="SchedulerChange.Run"/> is its new state.</summary>
    Run = 0,

    /// <summary>An agent was created or changed; <see cref="SchedulerChange.Agent"/> is its new state.</summary>
    Agent = 1,

    /// <summary>An agent was deleted; <see cref="SchedulerChange.Id"/> names it.</summary>
    AgentDeleted = 2,

    /// <summary>A schedule was created, changed, paused or resumed; <see cref="SchedulerChange.Schedule"/> is its new state.</summary>
    Schedule = 3,

    /// <summary>A schedule was deleted; <see cref="SchedulerChange.Id"/> names it.</summary>
    ScheduleDeleted = 4,

    /// <summary>A worker's reservations, owned runs or status changed; <see cref="SchedulerChange.Worker"/> is its new state.</summary>
    Worker = 5,
}

/// <summary>
/// One persisted change, announced after it was committed. Sequence numbers grow by one per change, across
/// restarts too, so a subscriber can resume after the last one it saw.
/// </summary>
public sealed record SchedulerChange
{
    /// <summary>The change's position in the feed.</summary>
    public required long Sequence { get; init; }

    /// <summary>When it was committed.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>What changed.</summary>
    public required ChangeKind Kind { get; init; }

    /// <summary>The id of the deleted thing (deletions only).</summary>
    public long? Id { get; init; }

    /// <summary>The run after the change.</summary>
    public RunSnapshot? Run { get; init; }

    /// <summary>The transition that caused a run change, when it changed state.</summary>
    public RunTimelineEntry? Transition { get; init; }

    /// <summary>The agent after the change.</summary>
    public AgentInfo? Agent { get; init; }

    /// <summary>The schedule after the change.</summary>
    public ScheduleInfo? Schedule { get; init; }

    /// <summary>The worker after the change.</summary>
    public WorkerSnapshot? Worker { get; init; }
}
