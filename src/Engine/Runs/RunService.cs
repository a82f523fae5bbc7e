using Scheduler.Engine.Persistence;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Runs;

/// <summary>Runs: create, cancel, reorder, and read them (live queue and whole history).</summary>
public interface IRunService
{
    /// <summary>Creates an on-demand run.</summary>
    Task<EngineResult<RunSnapshot>> CreateAsync(RunRequest request);

    /// <summary>Creates runs that depend on each other by key, all or none; a dependency cycle is refused.</summary>
    Task<EngineResult<IReadOnlyList<RunSnapshot>>> CreateBatchAsync(IReadOnlyList<BatchRunRequest> batch);

    /// <summary>
    /// Cancels a run. A pending or queued run is cancelled at once; an assigned or running one is marked to stop
    /// (its process tree is terminated, then killed after the grace period) and ends cancelled when it is gone.
    /// </summary>
    Task<EngineResult<RunSnapshot>> CancelAsync(long runId, Actor actor, string? reason = null);

    /// <summary>Moves a queued run to a lane and a place next to another run of that lane (or its back).</summary>
    Task<EngineResult<RunSnapshot>> MoveAsync(long runId, MoveRequest request);

    /// <summary>A run with its specification, timeline and dependents; null when there is no such run.</summary>
    Task<RunDetail?> GetAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>A page of the run history.</summary>
    Task<Page<RunSnapshot>> ListAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The five lanes (at most <paramref name="maxPerLane"/> runs each) plus assigned, running and pending runs.</summary>
    Task<QueueSnapshot> GetQueueAsync(int maxPerLane = 1000);

    /// <summary>Why each of these runs is waiting (only pending and queued runs appear in the answer).</summary>
    Task<IReadOnlyDictionary<long, WaitReason>> WhyWaitingAsync(IReadOnlyCollection<long> runIds);

    /// <summary>Claims a queued run for a worker; a conflict says why when it cannot (someone else was first, it does not fit…).</summary>
    Task<EngineResult<RunSnapshot>> PickAsync(long runId, string workerId, Actor actor);

    /// <summary>Gives an owned run back: stopped gracefully, requeued at the front of its lane.</summary>
    Task<EngineResult<RunSnapshot>> ReleaseAsync(long runId, Actor actor);

    /// <summary>Preempts a running run: stopped gracefully, then requeued at the front of its lane (or cancelled by its preemption mode).</summary>
    Task<EngineResult<RunSnapshot>> PreemptAsync(long runId, Actor actor);

    /// <summary>If this waiting run were placed now: on which worker, and which runs would be stopped. Changes nothing.</summary>
    Task<EngineResult<PreemptionPreview>> PreviewPreemptionAsync(long runId);

    /// <summary>The dependency graph around <paramref name="root"/> (or of the unfinished runs), and the schedules' cascades.</summary>
    Task<RunGraph> GetGraphAsync(long? root, int depth, int maxRuns = 500, CancellationToken cancellationToken = default);

    /// <summary>For each worker, whether it could take this queued run now and why not.</summary>
    Task<EngineResult<IReadOnlyList<Workers.PlacementOption>>> PlacementOptionsAsync(long runId);

    /// <summary>How many runs are in each state, over the whole history.</summary>
    Task<IReadOnlyDictionary<RunState, int>> CountByStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Each agent's run count and newest run, in two grouped queries; agents without runs are absent.</summary>
    Task<IReadOnlyDictionary<int, AgentRunSummary>> RunsPerAgentAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs started and finished per <paramref name="bucket"/> over the last <paramref name="window"/>.</summary>
    Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken = default);
}

internal sealed class RunService(EngineLoop engine, RunReadModel reads, TimeProvider time) : IRunService
{
    public Task<EngineResult<RunSnapshot>> CreateAsync(RunRequest request) => engine.InvokeAsync(() => engine.CreateRun(request));

    public Task<EngineResult<IReadOnlyList<RunSnapshot>>> CreateBatchAsync(IReadOnlyList<BatchRunRequest> batch) => engine.InvokeAsync(() => engine.CreateRuns(batch));

    public Task<EngineResult<RunSnapshot>> CancelAsync(long runId, Actor actor, string? reason = null) =>
        engine.InvokeAsync(() => engine.Cancel(runId, actor, reason));

    public Task<EngineResult<RunSnapshot>> MoveAsync(long runId, MoveRequest request) => engine.InvokeAsync(() => engine.Move(runId, request));

    public async Task<RunDetail?> GetAsync(long runId, CancellationToken cancellationToken = default)
    {
        var detail = await reads.GetAsync(runId, cancellationToken);
        if (detail is null || detail.Run.State is not (RunState.Pending or RunState.Queued))
        {
            return detail;
        }

        var reasons = await WhyWaitingAsync([runId]);
        return detail with { WaitReason = reasons.GetValueOrDefault(runId) };
    }

    public Task<Page<RunSnapshot>> ListAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken = default) =>
        reads.ListAsync(filter, skip, take, cancellationToken);

    public Task<QueueSnapshot> GetQueueAsync(int maxPerLane = 1000) => engine.InvokeAsync(() => engine.GetQueue(maxPerLane));

    public Task<IReadOnlyDictionary<long, WaitReason>> WhyWaitingAsync(IReadOnlyCollection<long> runIds) => engine.InvokeAsync(() => engine.WhyWaiting(runIds));

    public Task<EngineResult<RunSnapshot>> PickAsync(long runId, string workerId, Actor actor) => engine.InvokeAsync(() => engine.Pick(runId, workerId, actor));

    public Task<EngineResult<RunSnapshot>> ReleaseAsync(long runId, Actor actor) => engine.InvokeAsync(() => engine.Release(runId, actor));

    public Task<EngineResult<RunSnapshot>> PreemptAsync(long runId, Actor actor) => engine.InvokeAsync(() => engine.Preempt(runId, actor));

    public Task<EngineResult<PreemptionPreview>> PreviewPreemptionAsync(long runId) => engine.InvokeAsync(() => engine.PreviewPreemption(runId));

    public Task<RunGraph> GetGraphAsync(long? root, int depth, int maxRuns = 500, CancellationToken cancellationToken = default) =>
        reads.GetGraphAsync(root, Math.Clamp(depth, 0, 50), Math.Clamp(maxRuns, 1, 5000), cancellationToken);

    public Task<EngineResult<IReadOnlyList<Workers.PlacementOption>>> PlacementOptionsAsync(long runId) => engine.InvokeAsync(() => engine.PlacementOptions(runId));

    public Task<IReadOnlyDictionary<RunState, int>> CountByStateAsync(CancellationToken cancellationToken = default) => reads.CountByStateAsync(cancellationToken);

    public Task<IReadOnlyDictionary<int, AgentRunSummary>> RunsPerAgentAsync(CancellationToken cancellationToken = default) => reads.RunsPerAgentAsync(cancellationToken);

    public Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var start = now - window;
        var aligned = new DateTimeOffset(start.Ticks - (start.Ticks % bucket.Ticks), TimeSpan.Zero);
        return reads.ThroughputAsync(aligned, bucket, now, cancellationToken);
    }
}
