using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Model;

/// <summary>What the Overview and Workers pages load before following the feed.</summary>
/// <param name="Queue">The queue, with the assigned, running and pending runs.</param>
/// <param name="Workers">The workers.</param>
/// <param name="Sequence">The feed sequence both are current as of (the older of the two reads).</param>
public sealed record FleetSnapshot(QueueSnapshot Queue, IReadOnlyList<WorkerSnapshot> Workers, long Sequence);

/// <summary>
/// The workers in configuration order (reservations, owned runs, drain state) and the unfinished runs, kept
/// current from one feed subscription: the runs name the agents a worker owns and tell which run waits longest.
/// Heartbeats are not announced on the feed, so the pages refresh them with <see cref="UpdateHeartbeats"/>.
/// </summary>
public sealed class FleetBoard(IDashboardClient client) : LiveModel<FleetSnapshot>(client)
{
    private readonly List<WorkerSnapshot> _workers = [];
    private readonly Dictionary<long, RunSnapshot> _runs = [];

    /// <summary>The workers, in the order the engine lists them (new ones last).</summary>
    public IReadOnlyList<WorkerSnapshot> Workers => _workers;

    /// <summary>How many runs are pending, queued, assigned or running.</summary>
    public int UnfinishedCount => _runs.Count;

    /// <summary>How many runs are pending or queued.</summary>
    public int WaitingCount => _runs.Values.Count(r => r.State is RunState.Pending or RunState.Queued);

    /// <summary>An unfinished run, if the board holds it.</summary>
    public RunSnapshot? Find(long runId) => _runs.GetValueOrDefault(runId);

    /// <summary>The pending or queued run that has waited longest (the lower id on a tie), if any.</summary>
    public RunSnapshot? OldestWaiting()
    {
        RunSnapshot? oldest = null;
        foreach (var run in _runs.Values)
        {
            if (run.State is RunState.Pending or RunState.Queued
                && (oldest is null || WaitingSince(run) < WaitingSince(oldest) || (WaitingSince(run) == WaitingSince(oldest) && run.Id < oldest.Id)))
            {
                oldest = run;
            }
        }

        return oldest;
    }

    /// <summary>When a waiting run started waiting: when it last entered its lane, or when it was created.</summary>
    public static DateTimeOffset WaitingSince(RunSnapshot run) => run.QueuedAt ?? run.CreatedAt;

    /// <summary>Takes the newer heartbeat times from a fresh list; true when any changed. Call on the owner's dispatcher.</summary>
    public bool UpdateHeartbeats(IEnumerable<WorkerSnapshot> fresh)
    {
        var changed = false;
        foreach (var worker in fresh)
        {
            var index = _workers.FindIndex(w => w.Id == worker.Id);
            if (index >= 0 && worker.LastHeartbeat > _workers[index].LastHeartbeat)
            {
                _workers[index] = _workers[index] with { LastHeartbeat = worker.LastHeartbeat };
                changed = true;
            }
        }

        return changed;
    }

    protected override async Task<(FleetSnapshot Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var queue = await Client.GetQueueAsync(cancellationToken);
        var (sequence, workers) = await Client.GetWorkersAsync(cancellationToken);

        // Replaying the changes between the two reads is harmless: runs apply by version, workers by replacement.
        var snapshot = new FleetSnapshot(queue, workers, Math.Min(queue.Sequence, sequence));
        return (snapshot, snapshot.Sequence);
    }

    protected override void ApplySnapshot(FleetSnapshot snapshot)
    {
        _workers.Clear();
        _workers.AddRange(snapshot.Workers);
        _runs.Clear();
        foreach (var run in snapshot.Queue.Lanes.SelectMany(l => l.Runs).Concat(snapshot.Queue.Active).Concat(snapshot.Queue.Pending))
        {
            _runs[run.Id] = run;
        }
    }

    protected override void ApplyChange(SchedulerChange change)
    {
        if (change is { Kind: ChangeKind.Worker, Worker: { } worker })
        {
            var index = _workers.FindIndex(w => w.Id == worker.Id);
            if (index >= 0)
            {
                _workers[index] = worker;
            }
            else
            {
                _workers.Add(worker);
            }
        }
        else if (change is { Kind: ChangeKind.Run, Run: { } run })
        {
            if (_runs.TryGetValue(run.Id, out var current) && current.Version >= run.Version)
            {
                return;
            }

            if (run.State.IsTerminal())
            {
                _runs.Remove(run.Id);
            }
            else
            {
                _runs[run.Id] = run;
            }
        }
    }
}
