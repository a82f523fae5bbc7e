using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Model;

/// <summary>Changes from the engine's feed, delivered together (coalesced), in order.</summary>
/// <param name="Changes">The changes, oldest first.</param>
/// <param name="ResnapshotRequired">The feed could not continue without a gap: reload the snapshot and watch from its sequence.</param>
public sealed record FeedBatch(IReadOnlyList<SchedulerChange> Changes, bool ResnapshotRequired);

/// <summary>
/// The one way the dashboard's pages reach the engine: snapshots (each with the feed sequence it is current
/// as of), a stream of changes after a sequence, reads of the history, and the operators' commands. Pages never
/// touch the engine's services or its database directly; tests give them a fake fed through a channel.
/// </summary>
public interface IDashboardClient
{
    /// <summary>Every change after <paramref name="afterSequence"/>, in batches, until cancelled.</summary>
    IAsyncEnumerable<FeedBatch> WatchAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>The five lanes, the active and the pending runs.</summary>
    Task<QueueSnapshot> GetQueueAsync(CancellationToken cancellationToken);

    /// <summary>The workers and the sequence they are current as of.</summary>
    Task<(long Sequence, IReadOnlyList<WorkerSnapshot> Workers)> GetWorkersAsync(CancellationToken cancellationToken);

    /// <summary>Why each of these runs waits.</summary>
    Task<IReadOnlyDictionary<long, WaitReason>> GetWaitReasonsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken);

    /// <summary>A page of the run history.</summary>
    Task<Page<RunSnapshot>> GetRunsAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken);

    /// <summary>A run with its timeline, or null.</summary>
    Task<RunDetail?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>A run's log so far, then new lines as they are written.</summary>
    IAsyncEnumerable<LogLine> FollowLogAsync(long runId, CancellationToken cancellationToken);

    /// <summary>The dependency graph around a run, or of the unfinished runs.</summary>
    Task<RunGraph> GetGraphAsync(long? root, int depth, CancellationToken cancellationToken);

    /// <summary>Each agent's run count and newest run (agents without runs are absent).</summary>
    Task<IReadOnlyDictionary<int, AgentRunSummary>> RunsPerAgentAsync(CancellationToken cancellationToken);

    /// <summary>Runs per state over the whole history.</summary>
    Task<IReadOnlyDictionary<RunState, int>> CountByStateAsync(CancellationToken cancellationToken);

    /// <summary>Starts and finishes per bucket over a window.</summary>
    Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken);

    /// <summary>Registered agents.</summary>
    Task<IReadOnlyList<AgentInfo>> GetAgentsAsync(CancellationToken cancellationToken);

    /// <summary>Schedules with their next fire times.</summary>
    Task<IReadOnlyList<ScheduleView>> GetSchedulesAsync(CancellationToken cancellationToken);

    /// <summary>Cancels a run (a running one is stopped first).</summary>
    Task<EngineResult<RunSnapshot>> CancelAsync(long runId);

    /// <summary>Moves a queued run to a lane, before or after another run of that lane (or to its back).</summary>
    Task<EngineResult<RunSnapshot>> MoveAsync(long runId, Priority lane, long? beforeRunId, long? afterRunId);

    /// <summary>Claims a queued run for a worker.</summary>
    Task<EngineResult<RunSnapshot>> PickAsync(long runId, string workerId);

    /// <summary>Gives an owned run back to the queue.</summary>
    Task<EngineResult<RunSnapshot>> ReleaseAsync(long runId);

    /// <summary>Preempts a running run.</summary>
    Task<EngineResult<RunSnapshot>> PreemptAsync(long runId);

    /// <summary>What placing a waiting run now would stop.</summary>
    Task<EngineResult<PreemptionPreview>> PreviewPreemptionAsync(long runId);

    /// <summary>Which workers could take a queued run now.</summary>
    Task<EngineResult<IReadOnlyList<PlacementOption>>> PlacementOptionsAsync(long runId);

    /// <summary>Stops or resumes placing runs on a worker.</summary>
    Task<EngineResult<WorkerSnapshot>> SetDrainingAsync(string workerId, bool draining);

    /// <summary>Starts a run of an agent now.</summary>
    Task<EngineResult<RunSnapshot>> StartRunAsync(RunRequest request);

    /// <summary>Registers or changes an agent (null id creates).</summary>
    Task<EngineResult<AgentInfo>> SaveAgentAsync(int? id, AgentDefinition definition, long? expectedVersion);

    /// <summary>Deletes an agent.</summary>
    Task<EngineResult<AgentInfo>> DeleteAgentAsync(int id);

    /// <summary>Creates or changes a schedule (null id creates).</summary>
    Task<EngineResult<ScheduleView>> SaveScheduleAsync(int? id, ScheduleDefinition definition, long? expectedVersion);

    /// <summary>Deletes a schedule.</summary>
    Task<EngineResult<ScheduleView>> DeleteScheduleAsync(int id);

    /// <summary>Pauses or resumes a schedule.</summary>
    Task<EngineResult<ScheduleView>> SetSchedulePausedAsync(int id, bool paused);

    /// <summary>Fires a schedule now.</summary>
    Task<EngineResult<RunSnapshot>> TriggerScheduleAsync(int id);

    /// <summary>
    /// The sequence of the newest change in the feed. Read it before a snapshot that carries no sequence (agents,
    /// schedules), then watch after it: changes replayed onto a newer snapshot are whole-state upserts, so they converge.
    /// </summary>
    Task<long> GetFeedSequenceAsync(CancellationToken cancellationToken);

    /// <summary>The next fire times (UTC) of a cron expression in a time zone, or why it is invalid (fields of the trigger).</summary>
    EngineResult<IReadOnlyList<DateTimeOffset>> PreviewCron(string? cron, string? timeZone, int count);

    /// <summary>The time zones a schedule may name, UTC first.</summary>
    IReadOnlyList<TimeZoneInfo> GetTimeZones();
}
