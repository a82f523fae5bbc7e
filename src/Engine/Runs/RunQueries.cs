using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Runs;

/// <summary>How the runs grid is sorted.</summary>
public enum RunSort : byte
{
    /// <summary>By id (creation order).</summary>
    Id = 0,

    /// <summary>By creation time.</summary>
    Created = 1,

    /// <summary>By start time.</summary>
    Started = 2,

    /// <summary>By finish time.</summary>
    Finished = 3,

    /// <summary>By priority.</summary>
    Priority = 4,

    /// <summary>By state.</summary>
    State = 5,

    /// <summary>By agent name.</summary>
    Agent = 6,
}

/// <summary>Which runs a page shows. Every criterion is optional.</summary>
public sealed record RunFilter
{
    /// <summary>Only runs in these states.</summary>
    public IReadOnlyList<RunState> States { get; init; } = [];

    /// <summary>Only runs of this priority.</summary>
    public Priority? Priority { get; init; }

    /// <summary>Only runs of this agent.</summary>
    public int? AgentId { get; init; }

    /// <summary>Only runs created by this schedule.</summary>
    public int? ScheduleId { get; init; }

    /// <summary>Only runs owned by (or last run on) this worker.</summary>
    public string? Worker { get; init; }

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only runs created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only runs caused by this trigger.</summary>
    public TriggerType? Trigger { get; init; }

    /// <summary>The sort key.</summary>
    public RunSort Sort { get; init; } = RunSort.Id;

    /// <summary>Newest (largest) first.</summary>
    public bool Descending { get; init; } = true;
}

/// <summary>One page of a list and the total across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
