using Scheduler.Engine.Agents;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>An on-demand run of an agent.</summary>
public sealed record CreateRunRequest
{
    /// <summary>The agent to run.</summary>
    public int? AgentId { get; init; }

    /// <summary>The lane; medium when omitted.</summary>
    public Priority? Priority { get; init; }

    /// <summary>What the run needs; the agent's defaults when omitted.</summary>
    public ResourcesDto? Resources { get; init; }

    /// <summary>Runs that must succeed first.</summary>
    public IReadOnlyList<long> DependsOn { get; init; } = [];

    /// <summary>Parameters handed to the agent (as <c>SCHEDULER_PARAM_*</c> environment variables).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Worker label requirements, <c>key=value</c> each.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];
}

/// <summary>Where to put a queued run: a lane, and a place next to a run of that lane (its back when neither is given).</summary>
public sealed record MoveRunRequest
{
    /// <summary>The lane to move to.</summary>
    public Priority? Priority { get; init; }

    /// <summary>Put the run just before this queued run of the same lane.</summary>
    public long? BeforeRunId { get; init; }

    /// <summary>Put the run just after this queued run of the same lane.</summary>
    public long? AfterRunId { get; init; }
}

/// <summary>Why a run is cancelled (optional).</summary>
public sealed record CancelRunRequest
{
    /// <summary>Recorded in the run's timeline.</summary>
    public string? Reason { get; init; }
}

/// <summary>A run as it stands.</summary>
public sealed record RunResponse(
    long Id,
    int AgentId,
    string AgentName,
    int? ScheduleId,
    RunState State,
    Priority Priority,
    Priority RequestedPriority,
    long QueuePosition,
    int Attempt,
    ResourcesDto Resources,
    string? OwnerWorker,
    StopIntent Stopping,
    TriggerType Trigger,
    ActorDto CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? NotBefore,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Error,
    IReadOnlyList<long> DependsOn,
    long Version);

/// <summary>What a run executes, fixed when it was created.</summary>
public sealed record RunSpecResponse(
    ExecutionEnvironment ExecutionEnvironment,
    string Command,
    IReadOnlyList<string> Args,
    string? WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    int TimeoutSeconds,
    RetryDto Retry,
    int? MaxConcurrency,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Constraints);

/// <summary>One persisted transition of a run, with who and why.</summary>
public sealed record TimelineEntryResponse(
    DateTimeOffset At,
    RunState? From,
    RunState To,
    TransitionKind Kind,
    int Attempt,
    string? Worker,
    ActorDto Actor,
    string? Reason);

/// <summary>A run with its specification, timeline and the runs that wait for it.</summary>
public sealed record RunDetailResponse(RunResponse Run, RunSpecResponse Spec, IReadOnlyList<TimelineEntryResponse> Timeline, IReadOnlyList<long> Dependents);

/// <summary>One numbered line of a run's log.</summary>
public sealed record LogLineResponse(long Number, DateTimeOffset At, LogSource Stream, string Text);

/// <summary>A slice of a run's log; ask again with <c>after=</c><see cref="NextAfter"/> for what follows.</summary>
public sealed record LogPageResponse(long RunId, IReadOnlyList<LogLineResponse> Items, long NextAfter);
