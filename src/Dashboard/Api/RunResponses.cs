using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>A run as it stands.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="AgentId">The agent it runs.</param>
/// <param name="AgentName">The agent's name.</param>
/// <param name="ScheduleId">The schedule that created it, if any.</param>
/// <param name="State">pending, queued, assigned, running, succeeded, failed, timed_out, cancelled or upstream_failed.</param>
/// <param name="Priority">The lane it is in (or ran from).</param>
/// <param name="RequestedPriority">The priority it was created with (aging or a move may have changed <paramref name="Priority"/>).</param>
/// <param name="BasePriority">Its priority without inheritance (set by creation, moves and aging).</param>
/// <param name="InheritedFrom">The pending run it inherits <paramref name="Priority"/> from while that run waits for it, if any.</param>
/// <param name="Depth">Length of the longest chain of dependencies below it (0 without dependencies).</param>
/// <param name="QueuePosition">Its order inside the lane (smaller is earlier).</param>
/// <param name="Attempt">1 for the first execution, +1 for each retry, preemption, release or loss.</param>
/// <param name="Resources">What it needs (reserved on its owner while assigned or running).</param>
/// <param name="OwnerWorkerId">The worker that owns it while assigned or running.</param>
/// <param name="OwnerEpoch">Fencing token: grows with every change of owner; a worker's reports carry it.</param>
/// <param name="Stopping">A stop the engine is waiting on: none, cancel, preempt or release.</param>
/// <param name="Trigger">What caused it: manual, cron, event, sensor, api or dependency.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="QueuedAt">When it last entered its lane.</param>
/// <param name="NotBefore">Not dispatched before this time (retry backoff).</param>
/// <param name="StartedAt">When its current or last attempt started.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="ProcessId">The OS process id of its current attempt, for subprocess agents while they run.</param>
/// <param name="ExitCode">The agent's exit code, when it exited.</param>
/// <param name="Error">Why it failed, timed out or was cancelled.</param>
/// <param name="DependsOn">Runs it waits for.</param>
/// <param name="Version">Grows with every stored change of the run.</param>
public sealed record RunResponse(
    long Id,
    int AgentId,
    string AgentName,
    int? ScheduleId,
    RunState State,
    Priority Priority,
    Priority RequestedPriority,
    Priority BasePriority,
    long? InheritedFrom,
    int Depth,
    long QueuePosition,
    int Attempt,
    ResourcesDto Resources,
    string? OwnerWorkerId,
    long OwnerEpoch,
    StopIntent Stopping,
    TriggerType Trigger,
    ActorDto CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? NotBefore,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ProcessId,
    int? ExitCode,
    string? Error,
    IReadOnlyList<long> DependsOn,
    long Version);
