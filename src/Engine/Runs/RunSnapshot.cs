using Scheduler.Engine.Agents;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Runs;

/// <summary>A stop the engine has asked for and is waiting on. Persisted, so a crash does not forget it.</summary>
public enum StopIntent : byte
{
    /// <summary>No stop asked for.</summary>
    None = 0,

    /// <summary>Cancelled: ends as <see cref="RunState.Cancelled"/>.</summary>
    Cancel = 1,

    /// <summary>Preempted: goes back to the front of its lane.</summary>
    Preempt = 2,

    /// <summary>Released by its owner: goes back to the front of its lane.</summary>
    Release = 3,
}

/// <summary>When a run with dependencies may start (Airflow's trigger rules).</summary>
public enum TriggerRule : byte
{
    /// <summary>Only when every dependency succeeded; a dependency that ends badly fails it upstream.</summary>
    AllSuccess = 0,

    /// <summary>When every dependency has finished, however it ended.</summary>
    AllDone = 1,
}

/// <summary>What happens to a run when it is preempted.</summary>
public enum PreemptionMode : byte
{
    /// <summary>It goes back to the front of its lane as a new attempt.</summary>
    Requeue = 0,

    /// <summary>It ends cancelled.</summary>
    Cancel = 1,
}

/// <summary>What a run executes, fixed when the run is created so editing the agent later does not change it.</summary>
public sealed record RunSpec
{
    /// <summary>How it executes.</summary>
    public ExecutionEnvironment ExecutionEnvironment { get; init; }

    /// <summary>The program, or a builtin agent's name.</summary>
    public required string Command { get; init; }

    /// <summary>Arguments, as a list.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Where it starts.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Stopped and recorded timed out after this many seconds.</summary>
    public int TimeoutSeconds { get; init; }

    /// <summary>How failures are retried.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    /// <summary>At most this many runs of the agent execute at once.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Parameters handed to the agent.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Worker label requirements.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>What happens when it is preempted.</summary>
    public PreemptionMode PreemptionMode { get; init; }

    /// <summary>When it may start, given how its dependencies ended.</summary>
    public TriggerRule TriggerRule { get; init; }
}

/// <summary>A run as it stands (the engine's public view of the runs table).</summary>
public sealed record RunSnapshot
{
    /// <summary>The run's id.</summary>
    public required long Id { get; init; }

    /// <summary>The agent it runs.</summary>
    public required int AgentId { get; init; }

    /// <summary>The agent's name.</summary>
    public required string AgentName { get; init; }

    /// <summary>The schedule that created it, if any.</summary>
    public int? ScheduleId { get; init; }

    /// <summary>Its lifecycle state.</summary>
    public required RunState State { get; init; }

    /// <summary>The lane it is in (or ran from).</summary>
    public required Priority Priority { get; init; }

    /// <summary>The priority it was created with (aging may have raised <see cref="Priority"/>).</summary>
    public required Priority RequestedPriority { get; init; }

    /// <summary>Its priority without inheritance (set by creation, operators' moves and aging).</summary>
    public Priority BasePriority { get; init; }

    /// <summary>
    /// When set, <see cref="Priority"/> is inherited from this pending run, which waits for this one (priority
    /// inheritance): the run is dispatched at the dependent's priority while it waits.
    /// </summary>
    public long? InheritedFrom { get; init; }

    /// <summary>Length of the longest chain of dependencies below it (0 without dependencies).</summary>
    public int Depth { get; init; }

    /// <summary>Its order inside the lane (smaller is earlier).</summary>
    public long QueuePosition { get; init; }

    /// <summary>1 for the first execution, +1 for each retry, preemption, release or loss.</summary>
    public required int Attempt { get; init; }

    /// <summary>What it needs (reserved on its owner while assigned or running).</summary>
    public required ResourceVector Resources { get; init; }

    /// <summary>The worker that owns it while assigned or running.</summary>
    public string? OwnerWorker { get; init; }

    /// <summary>Fencing token: grows with every change of owner.</summary>
    public long OwnerEpoch { get; init; }

    /// <summary>A stop the engine is waiting on.</summary>
    public StopIntent Stopping { get; init; }

    /// <summary>What caused the run.</summary>
    public TriggerType Trigger { get; init; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last entered its lane.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>Not dispatched before this time (retry backoff).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>When its current or last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a terminal state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The OS process id of its current attempt, for subprocess agents while they run.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The agent's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why it failed, timed out or was cancelled.</summary>
    public string? Error { get; init; }

    /// <summary>Runs it depends on.</summary>
    public IReadOnlyList<long> DependsOn { get; init; } = [];

    /// <summary>Grows with every stored change of the run.</summary>
    public required long Version { get; init; }
}

/// <summary>One entry of a run's timeline: a persisted transition with who and why.</summary>
public sealed record RunTimelineEntry(
    DateTimeOffset At,
    RunState? From,
    RunState To,
    TransitionKind Kind,
    int Attempt,
    string? Worker,
    Actor Actor,
    string? Reason);

/// <summary>A run with everything the detail view shows.</summary>
public sealed record RunDetail(RunSnapshot Run, RunSpec Spec, IReadOnlyList<RunTimelineEntry> Timeline, IReadOnlyList<long> Dependents)
{
    /// <summary>Why it is waiting, while it is pending or queued.</summary>
    public WaitReason? WaitReason { get; init; }
}
