using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// A non-terminal run as the engine loop holds it. Mutable, and owned by the loop alone; every change to it is
/// written to the runs table in the same batch before anyone hears about it.
/// </summary>
internal sealed class RunRecord
{
    public required long Id { get; init; }

    public required int AgentId { get; init; }

    public required string AgentName { get; init; }

    public int? ScheduleId { get; init; }

    public RunState State { get; set; }

    public Priority Priority { get; set; }

    public Priority RequestedPriority { get; set; }

    /// <summary>Its lane without inheritance: set at creation, by operators' moves and by aging.</summary>
    public Priority BasePriority { get; set; }

    /// <summary>The pending run whose higher priority it carries while that run waits for it.</summary>
    public long? InheritedFrom { get; set; }

    /// <summary>Length of the longest chain of dependencies below it.</summary>
    public int Depth { get; init; }

    public long QueuePosition { get; set; }

    public int Attempt { get; set; } = 1;

    public int Failures { get; set; }

    public required ResourceVector Resources { get; init; }

    public string? OwnerWorker { get; set; }

    public long OwnerEpoch { get; set; }

    public StopIntent Stopping { get; set; }

    public TriggerType Trigger { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? QueuedAt { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int? ExitCode { get; set; }

    public string? Error { get; set; }

    public int? Pid { get; set; }

    public long? PidStartTicks { get; set; }

    public required RunSpec Spec { get; init; }

    public long Version { get; set; }

    public IReadOnlyList<long> DependsOn { get; init; } = [];

    /// <summary>Dependencies that have not succeeded yet (pending runs only).</summary>
    public int UnfinishedDependencies { get; set; }

    public RunSnapshot ToSnapshot() => new()
    {
        Id = Id,
        AgentId = AgentId,
        AgentName = AgentName,
        ScheduleId = ScheduleId,
        State = State,
        Priority = Priority,
        RequestedPriority = RequestedPriority,
        BasePriority = BasePriority,
        InheritedFrom = InheritedFrom,
        Depth = Depth,
        QueuePosition = QueuePosition,
        Attempt = Attempt,
        Resources = Resources,
        OwnerWorker = OwnerWorker,
        OwnerEpoch = OwnerEpoch,
        Stopping = Stopping,
        Trigger = Trigger,
        CreatedBy = CreatedBy,
        CreatedAt = CreatedAt,
        QueuedAt = QueuedAt,
        NotBefore = NotBefore,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
        ProcessId = Pid,
        ExitCode = ExitCode,
        Error = Error,
        DependsOn = DependsOn,
        Version = Version,
    };
}
