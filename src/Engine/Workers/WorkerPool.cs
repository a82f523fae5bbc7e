using Microsoft.Extensions.Options;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Workers;

/// <summary>One worker's live accounting. Owned by the engine loop; never touched from another thread.</summary>
internal sealed class WorkerState(WorkerRegistration registration, bool embedded, IWorkerConnection? connection)
{
    public string Id { get; } = registration.Id;

    public ResourceVector Capacity { get; private set; } = registration.Capacity;

    public IReadOnlyDictionary<string, string> Labels { get; private set; } = registration.Labels;

    public bool Interactive { get; private set; } = registration.Interactive;

    /// <summary>The agents it volunteers for; empty for all.</summary>
    public IReadOnlySet<string> Agents { get; private set; } = new HashSet<string>(registration.Agents, StringComparer.OrdinalIgnoreCase);

    public bool Embedded { get; } = embedded;

    public IWorkerConnection? Connection { get; set; } = connection;

    public ResourceVector Reserved { get; private set; }

    public HashSet<long> OwnedRuns { get; } = [];

    public WorkerStatus Status { get; set; } = WorkerStatus.Online;

    public DateTimeOffset LastHeartbeat { get; set; }

    public ResourceVector Free => Capacity - Reserved;

    /// <summary>Whether new runs may be placed here: online, interactive and connected.</summary>
    public bool AcceptsWork => Status == WorkerStatus.Online && Interactive && Connection is not null;

    public bool Volunteers(string agentName) => Agents.Count == 0 || Agents.Contains(agentName);

    public void Update(WorkerRegistration registration)
    {
        Capacity = registration.Capacity;
        Labels = registration.Labels;
        Interactive = registration.Interactive;
        Agents = new HashSet<string>(registration.Agents, StringComparer.OrdinalIgnoreCase);
    }

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

    public WorkerSnapshot ToSnapshot(ResourceVector running) =>
        new(Id, Capacity, Reserved, Labels, Status, Embedded, [.. OwnedRuns.Order()], LastHeartbeat)
        {
            Interactive = Interactive,
            Agents = [.. Agents.Order(StringComparer.OrdinalIgnoreCase)],
            Running = running,
        };
}

/// <summary>
/// The workers and their reservations, with placement: a run goes to a worker it fits on (every dimension,
/// every constraint, and the worker volunteers for its agent), chosen by the configured policy — best fit packs
/// work tightly so large runs still find room, spread balances load.
/// </summary>
internal sealed class WorkerPool
{
    private readonly List<WorkerState> _workers = [];
    private readonly Dictionary<string, WorkerState> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly PlacementPolicy _policy;

    public WorkerPool(IOptions<WorkerOptions> options, TimeProvider time)
    {
        _policy = options.Value.Placement;
        foreach (var worker in options.Value.Embedded)
        {
            var registration = new WorkerRegistration(
                worker.Name,
                ResourceVector.Of(worker.Cpu, worker.MemoryMb, worker.Gpu, worker.BandwidthMbps, worker.StorageMb),
                new Dictionary<string, string>(worker.Labels, StringComparer.Ordinal),
                worker.Interactive,
                worker.Agents);
            Add(new WorkerState(registration, embedded: true, connection: null) { LastHeartbeat = time.GetUtcNow() });
        }
    }

    public IReadOnlyList<WorkerState> All => _workers;

    public WorkerState? Find(string id) => _byId.GetValueOrDefault(id);

    public void Add(WorkerState worker)
    {
        _workers.Add(worker);
        _byId.Add(worker.Id, worker);
    }

    /// <summary>Whether some worker could ever hold the run: its whole capacity covers the need and its labels fit.</summary>
    public bool CouldEverFit(ResourceVector need, IReadOnlyList<string> constraints) =>
        _workers.Any(w => w.Status != WorkerStatus.Offline && need.FitsWithin(w.Capacity) && WorkerConstraints.Satisfied(w.Labels, constraints));

    /// <summary>
    /// The most that is free in each dimension on any worker that accepts work (not necessarily on one worker): a run
    /// that does not fit within it fits nowhere. Reservations only shrink it, so it stays a valid bound for the rest
    /// of a dispatch pass and lets the pass reject most shapes without looking at every worker.
    /// </summary>
    public ResourceVector LargestFree()
    {
        long cpu = 0, memory = 0, gpu = 0, bandwidth = 0, storage = 0;
        foreach (var worker in _workers)
        {
            if (worker.AcceptsWork)
            {
                var free = worker.Free;
                cpu = Math.Max(cpu, free.CpuMillicores);
                memory = Math.Max(memory, free.MemoryMb);
                gpu = Math.Max(gpu, free.Gpu);
                bandwidth = Math.Max(bandwidth, free.BandwidthMbps);
                storage = Math.Max(storage, free.StorageMb);
            }
        }

        return new ResourceVector(cpu, memory, gpu, bandwidth, storage);
    }

    /// <summary>
    /// The worker the run should go to now, by the placement policy, or null when none can take it; a worker
    /// <paramref name="allowed"/> refuses is passed over.
    /// </summary>
    public WorkerState? Place(ResourceVector need, IReadOnlyList<string> constraints, string agentName, Func<WorkerState, bool>? allowed = null)
    {
        WorkerState? best = null;
        var bestScore = double.MaxValue;
        foreach (var worker in _workers)
        {
            if (!CanTake(worker, need, constraints, agentName) || (allowed is not null && !allowed(worker)))
            {
                continue;
            }

            var score = _policy == PlacementPolicy.Spread ? -Leftover(worker, need) : Leftover(worker, need);
            if (score < bestScore)
            {
                best = worker;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Whether the worker can take the run right now.</summary>
    public static bool CanTake(WorkerState worker, ResourceVector need, IReadOnlyList<string> constraints, string agentName) =>
        worker.AcceptsWork && need.FitsWithin(worker.Free) && WorkerConstraints.Satisfied(worker.Labels, constraints) && worker.Volunteers(agentName);

    /// <summary>The share of the worker left free after placing the run, summed over dimensions.</summary>
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
