using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Runs;

/// <summary>A request to run an agent once (on demand, from the API, or from a schedule firing).</summary>
public sealed record RunRequest
{
    /// <summary>The agent to run.</summary>
    public required int AgentId { get; init; }

    /// <summary>The run's priority; medium when null.</summary>
    public Priority? Priority { get; init; }

    /// <summary>What the run needs; the agent's defaults when null.</summary>
    public ResourceVector? Resources { get; init; }

    /// <summary>Runs that must finish first.</summary>
    public IReadOnlyList<long> DependsOn { get; init; } = [];

    /// <summary>Parameters handed to the agent (as <c>SCHEDULER_PARAM_*</c> environment variables).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Worker label requirements, <c>key=value</c> each.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>When the run may start, given how its dependencies ended.</summary>
    public TriggerRule TriggerRule { get; init; }

    /// <summary>What happens to the run when it is preempted.</summary>
    public PreemptionMode PreemptionMode { get; init; }

    /// <summary>The schedule that fired, if any.</summary>
    public int? ScheduleId { get; init; }

    /// <summary>What caused the run.</summary>
    public TriggerType Trigger { get; init; } = TriggerType.Manual;

    /// <summary>Who asked.</summary>
    public required Actor Actor { get; init; }
}

/// <summary>One run of a batch submitted together: its dependencies may name other runs of the batch by key.</summary>
public sealed record BatchRunRequest
{
    /// <summary>A name for the run, unique within the batch.</summary>
    public required string Key { get; init; }

    /// <summary>The run (its <see cref="RunRequest.DependsOn"/> names existing runs).</summary>
    public required RunRequest Run { get; init; }

    /// <summary>Keys of other runs in the batch that this one depends on.</summary>
    public IReadOnlyList<string> DependsOnKeys { get; init; } = [];
}

/// <summary>Where to put a queued run: a lane, and a place in it next to another run (or the back when neither is given).</summary>
public sealed record MoveRequest
{
    /// <summary>The lane to move to.</summary>
    public required Priority Priority { get; init; }

    /// <summary>Put the run just before this run, which must be queued in the same lane.</summary>
    public long? BeforeRunId { get; init; }

    /// <summary>Put the run just after this run, which must be queued in the same lane.</summary>
    public long? AfterRunId { get; init; }

    /// <summary>Who asked.</summary>
    public required Actor Actor { get; init; }
}
