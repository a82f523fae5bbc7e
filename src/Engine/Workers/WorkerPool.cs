using Microsoft.Extensions.Options;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Workers;

/// <summary>One worker's live accounting. Owned by the engine loop; never touched from another thread.</summary>
internal sealed class WorkerState(string id, ResourceVector capacity, IReadOnlyDictionary<string, string> labels, bool embedded)
{
    public string Id { get; } = id;

    public ResourceVector Capacity { get; } = capacity;

    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public bool Embedded { get; } = embedded;

    public ResourceVector Reserved { get; private set; }

    public HashSet<long> OwnedRuns { get; } = [];

    public WorkerStatus Status { get; set; } = WorkerStatus.Online;

    public DateTimeOffset LastHeartbeat { get; set; }

    public ResourceVector Free => Capacity - Reserved;

    public void Reserve(long runId, ResourceVector need)
    {
        if (!OwnedRuns.Add(runId))
        {
            throw new InvalidOperationException($"Run {runId} already holds a reservation on worker {Id}.");
        }

        Reserved += need;
    }

    public void Release(long runId, ResourceVector need)
    {
        if (!OwnedRuns.Remove(runId))
        {
            throw new InvalidOperationException($"Run {runId} holds no reservation on worker {Id}.");
        }

        Reserved -= need;
    }

    public void ClearReservations()
    {
        OwnedRuns.Clear();
        Reserved = ResourceVector.Zero;
    }

    public WorkerSnapshot ToSnapshot() =>
        new(Id, Capacity, Reserved, Labels, Status, Embedded, [.. OwnedRuns.Order()], LastHeartbeat);
}

/// <summary>
/// The workers and their reservations, with best-fit placement: a run goes to the worker it fits on (every
/// dimension, every constraint) that is left with the least spare capacity, packing work tightly so large runs
/// still find room.
/// </summary>
internal sealed class WorkerPool
{
    private readonly List<WorkerState> _workers = [];
    private readonly Dictionary<string, WorkerState> _byId = new(StringComparer.OrdinalIgnoreCase);

    public WorkerPool(IOptions<WorkerOptions> options, TimeProvider time)
    {
        foreach (var worker in options.Value.Embedded)
        {
            var state = new WorkerState(
                worker.Name,
                ResourceVector.Of(worker.Cpu, worker.MemoryMb, worker.Gpu, worker.BandwidthMbps, worker.StorageMb),
                new Dictionary<string, string>(worker.Labels, StringComparer.Ordinal),
                embedded: true)
            {
                LastHeartbeat = time.GetUtcNow(),
            };
            _workers.Add(state);
            _byId.Add(state.Id, state);
        }
    }

    public IReadOnlyList<WorkerState> All => _workers;

    public WorkerState? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Whether some worker could ever hold the run: its whole capacity covers the need and its labels fit.</summary>
    public bool CouldEverFit(ResourceVector need, IReadOnlyList<string> constraints) =>
        _workers.Any(w => w.Status != WorkerStatus.Offline && need.FitsWithin(w.Capacity) && WorkerConstraints.Satisfied(w.Labels, constraints));

    /// <summary>The largest capacity in each dimension across workers, for error messages.</summary>
    public ResourceVector LargestCapacity() =>
        _workers.Aggregate(ResourceVector.Zero, (max, w) => new ResourceVector(
            Math.Max(max.CpuMillicores, w.Capacity.CpuMillicores),
            Math.Max(max.MemoryMb, w.Capacity.MemoryMb),
            Math.Max(max.Gpu, w.Capacity.Gpu),
            Math.Max(max.BandwidthMbps, w.Capacity.BandwidthMbps),
            Math.Max(max.StorageMb, w.Capacity.StorageMb)));

    /// <summary>The online worker the run fits best on now, or null.</summary>
    public WorkerState? Place(ResourceVector need, IReadOnlyList<string> constraints)
    {
        WorkerState? best = null;
        var bestScore = double.MaxValue;
        foreach (var worker in _workers)
        {
            if (worker.Status != WorkerStatus.Online || !need.FitsWithin(worker.Free) || !WorkerConstraints.Satisfied(worker.Labels, constraints))
            {
                continue;
            }

            var score = Leftover(worker, need);
            if (score < bestScore)
            {
                best = worker;
                bestScore = score;
            }
        }

        return best;
    }

    private static double Leftover(WorkerState worker, ResourceVector need)
    {
        var left = worker.Free - need;
        var score = 0.0;
        foreach (var dimension in ResourceVector.Dimensions)
        {
            var capacity = worker.Capacity[dimension];
            if (capacity > 0)
            {
                score += left[dimension] / capacity;
            }
        }

        return score;
    }
}
