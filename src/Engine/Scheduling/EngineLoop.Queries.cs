using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Snapshots taken on the loop. Each carries the feed sequence it is consistent with: the changes applied so far,
/// including earlier commands of the same batch, which are announced with the next sequence numbers (and the
/// snapshot is only handed out once that batch committed).
/// </summary>
internal sealed partial class EngineLoop
{
    public QueueSnapshot GetQueue(int maxPerLane) => new(
        CurrentSequence,
        [.. Priorities.HighestFirst.Select(p => new LaneSnapshot(p, [.. _queue.InOrder(p).Take(maxPerLane).Select(id => _runs[id].ToSnapshot())]) { Total = _queue.CountIn(p) })],
        [.. _runs.Values.Where(r => r.State.HoldsReservation()).OrderBy(r => r.Id).Select(r => r.ToSnapshot())],
        [.. _runs.Values.Where(r => r.State == RunState.Pending).OrderBy(r => r.Id).Select(r => r.ToSnapshot())]);

    public RunSnapshot? GetActiveRun(long runId) => _runs.TryGetValue(runId, out var run) ? run.ToSnapshot() : null;

    public (long Sequence, IReadOnlyList<WorkerSnapshot> Workers) GetWorkers() =>
        (CurrentSequence, [.. _workers.All.Select(SnapshotOf)]);

    public IReadOnlyDictionary<int, int> ActiveRunsByAgent() => new Dictionary<int, int>(_activeByAgent);

    private long CurrentSequence => _feed.LastSequence + _pendingChanges.Count;

    private WorkerSnapshot SnapshotOf(WorkerState worker) =>
        worker.ToSnapshot(worker.OwnedRuns.Select(id => _runs[id]).Where(r => r.State == RunState.Running)
            .Aggregate(ResourceVector.Zero, (sum, r) => sum + r.Resources));

    /// <summary>For each worker: could it take this queued run now, and if not, why (for the operator's pick dialog).</summary>
    public EngineResult<IReadOnlyList<PlacementOption>> PlacementOptions(long runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return NotActive(runId, "placed");
        }

        return _workers.All.Select(w => WhyCannotTake(w, run) is { } reason
                ? new PlacementOption(w.Id, false, reason, SnapshotOf(w))
                : new PlacementOption(w.Id, true, $"fits on {w.Id} (free: {w.Free})", SnapshotOf(w)))
            .ToList();
    }
}
