using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>Why a pending or queued run has not started, computed from the engine's live state when asked.</summary>
/// <param name="Kind">
/// dependencies, retry_backoff, agent_concurrency, global_concurrency, no_capacity, workers_draining,
/// no_matching_worker, higher_priority_ahead, dispatching or preemption_in_progress.
/// </param>
/// <param name="Message">The reason as a sentence for operators.</param>
/// <param name="WaitingFor">The unfinished dependencies (dependencies), or the runs being preempted for it (preemption_in_progress).</param>
/// <param name="Dimension">The resource the closest worker is most short of: cpu, memory, gpu, bandwidth or storage (no_capacity).</param>
/// <param name="Shortfall">How much of <paramref name="Dimension"/> is missing there, in its unit (cores, MB, GPUs, Mbps, MB).</param>
/// <param name="ClosestWorker">The worker closest to fitting it, or the worker being cleared for it.</param>
/// <param name="Ahead">Queued runs ahead of it in dispatch order.</param>
/// <param name="Until">When a retry backoff ends (retry_backoff).</param>
/// <param name="Limit">The concurrency limit that is reached (agent_concurrency, global_concurrency).</param>
public sealed record WaitReasonResponse(
    WaitReasonKind Kind,
    string Message,
    IReadOnlyList<long> WaitingFor,
    ResourceDimension? Dimension,
    double? Shortfall,
    string? ClosestWorker,
    int Ahead,
    DateTimeOffset? Until,
    int? Limit);
