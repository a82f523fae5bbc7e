using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Scheduling;

/// <summary>
/// The capacity invariant of issue 4 as a property: over a random workload (random resource vectors and priorities,
/// creates, cancels, picks, releases, operator preemptions, automatic preemption, drains, remote workers that lose
/// their lease, and host restarts on the same SQLite file that leave remote runs owned) the reservations on a worker
/// never exceed its capacity in any dimension. Checked on every change the feed carries — each worker snapshot
/// against its own capacity, and the runs the feed shows as owned, summed per worker — and at the end against the
/// engine's own lists. The seed is printed on failure; SCHEDULER_PROPERTY_SEED replays one.
/// </summary>
public sealed class CapacityInvariantTests : IAsyncLifetime
{
    private const int Steps = 200;
    private const double LeaseSeconds = 1.5;
    private const string PinnedAgent = "pinned";
    private static readonly Actor Operator = new(ActorKind.Operator, "property");
    private static readonly int[] RestartAt = [70, 140];
    private static readonly int[] LeaseLossAt = [35, 105];

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Scheduler:Engine:StopGracePeriodSeconds"] = "0.5",
        ["Scheduler:Engine:MaxConcurrentRuns"] = "64",
        ["Scheduler:Workers:HeartbeatSeconds"] = "0.2",
        ["Scheduler:Workers:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
    };

    private readonly TempDirectory _dir = new();
    private readonly List<FakeRemoteWorker> _remotes =
    [
        new("remote-1", ResourceVector.Of(4, 8192, 0, 500, 50_000), new Dictionary<string, string> { ["host"] = "remote-1" }),
        new("remote-2", ResourceVector.Of(3, 6144, 2, 100, 20_000), new Dictionary<string, string> { ["host"] = "remote-2", ["gpu"] = "true" }),

        // Volunteers only for the pinned agent: what it holds when its lease lapses or the host restarts is lost.
        new("remote-3", ResourceVector.Of(1, 512), new Dictionary<string, string> { ["host"] = "remote-3" }, [PinnedAgent]),
    ];

    private readonly int _seed;
    private readonly Random _random;
    private IHost? _host;
    private int _picksTried;
    private CapacityWatcher? _watcher;

    public CapacityInvariantTests()
    {
        _seed = int.TryParse(Environment.GetEnvironmentVariable("SCHEDULER_PROPERTY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var replay)
            ? replay
            : Random.Shared.Next();
        _random = new Random(_seed);
    }

    private IRunService Runs => _host!.Services.GetRequiredService<IRunService>();

    private IWorkerGateway Gateway => _host!.Services.GetRequiredService<IWorkerGateway>();

    private IWorkerService Workers => _host!.Services.GetRequiredService<IWorkerService>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Reservations_NeverExceedAWorkersCapacity_OverRandomWorkloadsCancelsLeaseLossAndRestarts()
    {
        try
        {
            await RunWorkloadAsync();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"Capacity property failed with seed {_seed} (replay: SCHEDULER_PROPERTY_SEED={_seed}): {error}");
        }
    }

    private async Task RunWorkloadAsync()
    {
        var token = TestContext.Current.CancellationToken;
        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"), Settings);
        var capacities = (await Workers.ListAsync()).Workers.ToDictionary(w => w.Id, w => w.Capacity);
        foreach (var remote in _remotes)
        {
            capacities[remote.Id] = remote.Capacity;
        }

        _watcher = CapacityWatcher.Attach(_host, capacities, _host.Services.GetRequiredService<IChangeFeed>().LastSequence);
        await RegisterRemotesAsync();
        var agents = await CreateAgentsAsync();
        var created = new List<long>();
        var restarts = 0;
        var leaseLosses = 0;

        for (var step = 0; step < Steps; step++)
        {
            _watcher.ThrowIfViolated();
            if (RestartAt.Contains(step))
            {
                created.AddRange(await PinRunAsync(agents, _remotes[^1]));
                await RestartHostAsync(capacities);
                restarts++;
            }

            if (LeaseLossAt.Contains(step))
            {
                var remote = leaseLosses == 0 ? _remotes[0] : _remotes[^1];
                created.AddRange(await PinRunAsync(agents, remote));
                remote.SilentUntil = DateTimeOffset.UtcNow.AddSeconds(LeaseSeconds + 1);
                leaseLosses++;
            }

            await HeartbeatAsync();
            await OperateAsync(agents, created);
            await PlayRemoteWorkersAsync();
            await Task.Delay(_random.Next(0, 25), token);
        }

        await AssertFinalStateAsync(created);
        Assert.Equal(RestartAt.Length, restarts);
        Assert.Equal(LeaseLossAt.Length, leaseLosses);
        Assert.True(_watcher.RunChangesChecked > Steps, $"only {_watcher.RunChangesChecked} run changes were checked");
        Assert.True(_watcher.WorkerChangesChecked > 10, $"only {_watcher.WorkerChangesChecked} worker changes were checked");
        Assert.True(_watcher.MostReserved.Count >= 3, $"runs were held on only {_watcher.MostReserved.Count} workers");
        var seen = string.Join(", ", _watcher.Transitions.Select(t => $"{t.Key} {t.Value}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {_seed}: {seen}");
        Assert.True(_picksTried > 0, "no pick was tried");

        // Picks succeed only when a waiting run fits a worker the dispatcher did not use, so they are not required.
        foreach (var kind in new[] { TransitionKind.Assigned, TransitionKind.Released, TransitionKind.Preempted, TransitionKind.Lost, TransitionKind.Cancelled })
        {
            Assert.True(_watcher.Transitions.ContainsKey(kind), $"the workload never produced a {kind} transition ({seen})");
        }
    }

    private async Task<int[]> CreateAgentsAsync()
    {
        var service = _host!.Services.GetRequiredService<IAgentService>();
        var ids = new List<int>();
        // The long agent runs at most two at a time, so its runs wait with capacity free and operators' picks
        // (which may exceed the concurrency limits) have something to take.
        foreach (var (name, seconds, limit) in new[] { ("quick", "0.2", (int?)null), ("steady", "0.8", null), ("long", "3", 2), (PinnedAgent, "3", null) })
        {
            var created = await service.CreateAsync(new AgentDefinition
            {
                Name = name,
                ExecutionEnvironment = ExecutionEnvironment.Builtin,
                Command = "sleep",
                Args = [seconds],
                Resources = ResourceVector.Of(0.5, 128),
                MaxConcurrency = limit,
            });
            Assert.True(created.Succeeded, created.Succeeded ? null : created.Error.Message);
            ids.Add(created.Value!.Id);
        }

        return [.. ids];
    }

    private async Task OperateAsync(int[] agents, List<long> created)
    {
        var roll = _random.Next(100);
        switch (roll)
        {
            case < 40:
                var request = new RunRequest
                {
                    AgentId = agents[_random.Next(agents.Length - 1)],
                    Priority = (Priority)_random.Next(5),
                    Resources = RandomResources(),
                    Constraints = _random.Next(10) == 0 ? ["gpu=true"] : [],
                    PreemptionMode = _random.Next(4) == 0 ? PreemptionMode.Cancel : PreemptionMode.Requeue,
                    Actor = Operator,
                };
                var result = await Runs.CreateAsync(request);
                if (result.Succeeded)
                {
                    created.Add(result.Value!.Id);
                }
                else
                {
                    // Only a vector larger than every worker may be refused.
                    Assert.Equal(EngineErrorKind.Invalid, result.Error.Kind);
                }

                break;
            case < 46:
                if (_watcher!.RandomRun(_random, r => r.State is RunState.Queued or RunState.Assigned or RunState.Running) is { } cancel)
                {
                    await Runs.CancelAsync(cancel, Operator, "property test");
                }

                break;
            case < 58:
                if (_watcher!.RandomRun(_random, r => r.State == RunState.Queued) is { } pick)
                {
                    // Half the picks go to the worker with the most CPU free, where a waiting run most often fits.
                    var workers = _watcher.Capacities.Keys.ToList();
                    var target = _random.Next(2) == 0 ? _watcher.RoomiestWorker() : workers[_random.Next(workers.Count)];
                    var picked = await Runs.PickAsync(pick, target, Operator);
                    _picksTried++;
                    Assert.True(picked.Succeeded || picked.Error.Kind is EngineErrorKind.Conflict or EngineErrorKind.NotFound, picked.Succeeded ? null : picked.Error.Message);
                }

                break;
            case < 64:
                if (_watcher!.RandomRun(_random, r => r.State.HoldsReservation()) is { } release)
                {
                    await Runs.ReleaseAsync(release, Operator);
                }

                break;
            case < 69:
                if (_watcher!.RandomRun(_random, r => r.State == RunState.Running) is { } preempt)
                {
                    await Runs.PreemptAsync(preempt, Operator);
                }

                break;
            case < 74:
                var workerIds = _watcher!.Capacities.Keys.ToList();
                var worker = workerIds[_random.Next(workerIds.Count)];
                await (_random.Next(2) == 0 ? Workers.DrainAsync(worker, Operator) : Workers.UndrainAsync(worker, Operator));
                break;
            default:
                break;
        }
    }

    /// <summary>A small critical run only <paramref name="remote"/> may take, so the crash or lease loss that follows has a run to lose.</summary>
    private async Task<long[]> PinRunAsync(int[] agents, FakeRemoteWorker remote)
    {
        if (remote.Silent || remote.MissedLease)
        {
            return [];
        }

        var pinned = await Runs.CreateAsync(new RunRequest
        {
            AgentId = agents[^1],
            Priority = Priority.Critical,
            Resources = ResourceVector.Of(0.25, 64),
            Constraints = [$"host={remote.Id}"],
            Actor = Operator,
        });
        await PlayRemoteWorkersAsync();
        if (pinned.Succeeded)
        {
            return [pinned.Value!.Id];
        }

        // On a busy machine the remote's lease may have lapsed already; then the run fits nowhere and is refused.
        Assert.Equal(EngineErrorKind.Invalid, pinned.Error.Kind);
        return [];
    }

    private ResourceVector RandomResources() => ResourceVector.Of(
        new[] { 0.25, 0.5, 1, 1.5, 2, 3 }[_random.Next(6)],
        new long[] { 64, 256, 1024, 2048, 4096 }[_random.Next(5)],
        _random.Next(6) == 0 ? 1 : 0,
        new long[] { 0, 0, 50, 200 }[_random.Next(4)],
        new long[] { 0, 0, 1_000, 10_000 }[_random.Next(4)]);

    /// <summary>The test plays the remote workers: it starts what it was given, finishes some, and honours stop orders.</summary>
    private async Task PlayRemoteWorkersAsync()
    {
        foreach (var remote in _remotes.Where(r => !r.Silent))
        {
            while (remote.Orders.TryDequeue(out var order))
            {
                remote.Held[order.RunId] = (order.Epoch, false);
            }

            while (remote.Stops.TryDequeue(out var stop))
            {
                if (remote.Held.Remove(stop.RunId))
                {
                    await Gateway.ReportExitedAsync(remote.Id, stop.RunId, stop.Epoch, new ExecutionExit(ExitKind.Stopped, null, "stopped as asked"));
                }
            }

            foreach (var (runId, (epoch, started)) in remote.Held.ToList())
            {
                var roll = _random.Next(10);
                if (!started && roll < 6)
                {
                    remote.Held[runId] = (epoch, true);
                    await Gateway.ReportStartedAsync(remote.Id, runId, epoch, null, null);
                }
                else if (started && roll < 2)
                {
                    remote.Held.Remove(runId);
                    await Gateway.ReportExitedAsync(remote.Id, runId, epoch, new ExecutionExit(ExitKind.Completed, _random.Next(4) == 0 ? 1 : 0, null));
                }
            }
        }
    }

    private async Task HeartbeatAsync()
    {
        foreach (var remote in _remotes)
        {
            if (remote.Silent)
            {
                remote.MissedLease = true;
                continue;
            }

            if (remote.MissedLease)
            {
                // Back after its lease lapsed: whatever it held was lost and requeued; it registers again.
                remote.MissedLease = false;
                remote.Held.Clear();
                await RegisterAsync(remote);
                continue;
            }

            if (DateTimeOffset.UtcNow - remote.LastHeartbeat < TimeSpan.FromSeconds(0.2))
            {
                continue;
            }

            remote.LastHeartbeat = DateTimeOffset.UtcNow;
            var answer = await Gateway.HeartbeatAsync(remote.Id, [.. remote.Held.Select(h => new RunLease(h.Key, h.Value.Epoch))]);
            foreach (var stale in answer.Stop)
            {
                remote.Held.Remove(stale.RunId);
            }
        }
    }

    private async Task RegisterRemotesAsync()
    {
        foreach (var remote in _remotes)
        {
            await RegisterAsync(remote);
        }
    }

    private async Task RegisterAsync(FakeRemoteWorker remote)
    {
        remote.Orders.Clear();
        remote.Stops.Clear();
        var registered = await Gateway.RegisterAsync(new WorkerRegistration(remote.Id, remote.Capacity, remote.Labels, true, remote.Agents), remote);
        Assert.True(registered.Succeeded, registered.Succeeded ? null : registered.Error.Message);
        remote.LastHeartbeat = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Stops the host while remote workers still hold runs (they are busy and do not answer the stop orders, as a
    /// crashed host's workers would not be asked), starts a new one on the same file, and checks that the old
    /// owners' reports are refused.
    /// </summary>
    private async Task RestartHostAsync(Dictionary<string, ResourceVector> capacities)
    {
        var held = _remotes.SelectMany(r => r.Held.Select(h => (Remote: r, RunId: h.Key, h.Value.Epoch))).ToList();
        await _host!.StopAsync(TestContext.Current.CancellationToken);
        var lastSequence = await _watcher!.DetachAsync();
        _host.Dispose();

        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"), Settings);
        _watcher.Reattach(_host, lastSequence);
        foreach (var remote in _remotes)
        {
            remote.SilentUntil = default;
            remote.MissedLease = false;
            remote.Held.Clear();
            await RegisterAsync(remote);
        }

        foreach (var (remote, runId, epoch) in held)
        {
            Assert.False(await Gateway.ReportExitedAsync(remote.Id, runId, epoch, new ExecutionExit(ExitKind.Completed, 0, null)));
        }

        Assert.Equal(capacities.Keys.Order(), (await Workers.ListAsync()).Workers.Select(w => w.Id).Order());
    }

    /// <summary>
    /// At the end: every worker within its capacity as the engine lists it; then every run is cancelled (the remote
    /// workers honour the stop orders) and, once all have ended, no worker holds anything and every run created is
    /// still there.
    /// </summary>
    private async Task AssertFinalStateAsync(List<long> created)
    {
        var (sequence, workers) = await Workers.ListAsync();
        await _watcher!.CaughtUpAsync(sequence);
        _watcher.ThrowIfViolated();
        foreach (var worker in workers)
        {
            Assert.True(worker.Reserved.FitsWithin(worker.Capacity) && worker.Reserved.IsNonNegative, $"{worker.Id} reserves {worker.Reserved} of {worker.Capacity}");
            Assert.Equal(_watcher.Capacities[worker.Id], worker.Capacity);
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (_watcher.RandomRun(_random, r => !r.State.IsTerminal()) is not null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "runs did not end after being cancelled");
            foreach (var runId in _watcher.Runs(r => r.State is RunState.Queued or RunState.Pending || (r.State.HoldsReservation() && r.Stopping == StopIntent.None)))
            {
                await Runs.CancelAsync(runId, Operator, "property test: the end");
            }

            await HeartbeatAsync();
            await PlayRemoteWorkersAsync();
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        (sequence, workers) = await Workers.ListAsync();
        await _watcher.CaughtUpAsync(sequence);
        _watcher.ThrowIfViolated();
        foreach (var worker in workers)
        {
            Assert.Equal(ResourceVector.Zero, worker.Reserved);
            Assert.Empty(worker.OwnedRuns);
            Assert.Equal(ResourceVector.Zero, _watcher.HeldOn(worker.Id));
        }

        foreach (var runId in created)
        {
            Assert.True((await Runs.GetAsync(runId, TestContext.Current.CancellationToken))!.Run.State.IsTerminal());
        }
    }

    /// <summary>A remote worker the test plays. The engine calls it on its loop; the test reads the queues between steps.</summary>
    private sealed class FakeRemoteWorker(string id, ResourceVector capacity, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string>? agents = null) : IWorkerConnection
    {
        public IReadOnlyList<string> Agents { get; } = agents ?? [];

        public string Id { get; } = id;

        public ResourceVector Capacity { get; } = capacity;

        public IReadOnlyDictionary<string, string> Labels { get; } = labels;

        public ConcurrentQueue<StartOrder> Orders { get; } = new();

        public ConcurrentQueue<RunLease> Stops { get; } = new();

        /// <summary>What it runs: run id to (epoch, reported started).</summary>
        public Dictionary<long, (long Epoch, bool Started)> Held { get; } = [];

        public DateTimeOffset SilentUntil { get; set; }

        public bool Silent => DateTimeOffset.UtcNow < SilentUntil;

        public bool MissedLease { get; set; }

        public DateTimeOffset LastHeartbeat { get; set; }

        public void StartRun(StartOrder order) => Orders.Enqueue(order);

        public void StopRun(long runId, long epoch) => Stops.Enqueue(new RunLease(runId, epoch));
    }

    /// <summary>
    /// Reads the change feed on its own task and checks the invariant at every change: a worker snapshot's reserved
    /// vector within its capacity, and the resources of the runs the feed shows as assigned or running on a worker,
    /// summed, within that worker's capacity.
    /// </summary>
    private sealed class CapacityWatcher
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<long, RunSnapshot> _runs = [];
        private readonly Dictionary<string, WorkerSnapshot> _workers = [];
        private ChangeSubscription? _subscription;
        private Task<long> _reader = Task.FromResult(0L);
        private long _lastSequence;
        private string? _violation;

        private CapacityWatcher(IReadOnlyDictionary<string, ResourceVector> capacities) => Capacities = capacities;

        public IReadOnlyDictionary<string, ResourceVector> Capacities { get; }

        public int RunChangesChecked { get; private set; }

        /// <summary>Every kind of transition the feed carried, with how many times.</summary>
        public Dictionary<TransitionKind, int> Transitions { get; } = [];

        public int WorkerChangesChecked { get; private set; }

        /// <summary>The workers that ever held a run, with the most each held at once.</summary>
        public Dictionary<string, ResourceVector> MostReserved { get; } = [];

        public static CapacityWatcher Attach(IHost host, IReadOnlyDictionary<string, ResourceVector> capacities, long afterSequence)
        {
            var watcher = new CapacityWatcher(capacities);
            watcher.Reattach(host, afterSequence);
            return watcher;
        }

        public void Reattach(IHost host, long afterSequence)
        {
            _subscription = host.Services.GetRequiredService<IChangeFeed>().Subscribe(afterSequence);
            Assert.False(_subscription.ResnapshotRequired, $"the feed could not resume after sequence {afterSequence}");
            _lastSequence = afterSequence;
            _reader = Task.Run(() => ReadAsync(_subscription));
        }

        /// <summary>Waits for the stopped host's feed to end; returns the last sequence read.</summary>
        public async Task<long> DetachAsync()
        {
            var last = await _reader.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.False(_subscription!.ResnapshotRequired, "the watcher fell behind the feed");
            _subscription.Dispose();
            return last;
        }

        public async Task CaughtUpAsync(long sequence)
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            while (Volatile.Read(ref _lastSequence) < sequence)
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, $"the watcher is at {_lastSequence}, not {sequence}");
                await Task.Delay(10);
            }
        }

        public void ThrowIfViolated()
        {
            lock (_gate)
            {
                if (_violation is not null)
                {
                    throw new Xunit.Sdk.XunitException(_violation);
                }
            }
        }

        public long? RandomRun(Random random, Func<RunSnapshot, bool> where)
        {
            lock (_gate)
            {
                var matching = _runs.Values.Where(where).Select(r => r.Id).ToList();
                return matching.Count == 0 ? null : matching[random.Next(matching.Count)];
            }
        }

        public List<long> Runs(Func<RunSnapshot, bool> where)
        {
            lock (_gate)
            {
                return [.. _runs.Values.Where(where).Select(r => r.Id)];
            }
        }

        /// <summary>The online worker with the most CPU free as the feed last showed it.</summary>
        public string RoomiestWorker()
        {
            lock (_gate)
            {
                return _workers.Values.Where(w => w.Status == WorkerStatus.Online).MaxBy(w => w.Free.CpuMillicores)?.Id ?? Capacities.Keys.First();
            }
        }

        public ResourceVector HeldOn(string workerId)
        {
            lock (_gate)
            {
                return Sum(workerId);
            }
        }

        private async Task<long> ReadAsync(ChangeSubscription subscription)
        {
            await foreach (var change in subscription.Changes.ReadAllAsync())
            {
                lock (_gate)
                {
                    if (change.Sequence != _lastSequence + 1)
                    {
                        _violation ??= $"the feed jumped from {_lastSequence} to {change.Sequence}";
                    }

                    Check(change);
                    Volatile.Write(ref _lastSequence, change.Sequence);
                }
            }

            return _lastSequence;
        }

        private void Check(SchedulerChange change)
        {
            if (change.Worker is { } worker)
            {
                WorkerChangesChecked++;
                _workers[worker.Id] = worker;
                if (!worker.Reserved.FitsWithin(worker.Capacity) || !worker.Reserved.IsNonNegative)
                {
                    _violation ??= $"change {change.Sequence}: worker {worker.Id} reserves {worker.Reserved} of {worker.Capacity}";
                }

                // Worker changes close a batch, after its run changes: what the worker reserves is what its runs hold.
                if (Sum(worker.Id) is var held && held != worker.Reserved)
                {
                    _violation ??= $"change {change.Sequence}: worker {worker.Id} reserves {worker.Reserved} but the runs it owns hold {held}";
                }
            }

            if (change.Run is { } run)
            {
                RunChangesChecked++;
                if (change.Transition is { } transition)
                {
                    Transitions[transition.Kind] = Transitions.GetValueOrDefault(transition.Kind) + 1;
                }

                var before = _runs.GetValueOrDefault(run.Id)?.OwnerWorker;
                _runs[run.Id] = run;
                foreach (var owner in new[] { before, run.OwnerWorker }.OfType<string>().Distinct())
                {
                    var held = Sum(owner);
                    if (!Capacities.TryGetValue(owner, out var capacity) || !held.FitsWithin(capacity))
                    {
                        _violation ??= $"change {change.Sequence}: runs on {owner} hold {held} of {(Capacities.ContainsKey(owner) ? capacity : "an unknown worker")}";
                    }

                    if (held != ResourceVector.Zero)
                    {
                        var most = MostReserved.GetValueOrDefault(owner);
                        MostReserved[owner] = new ResourceVector(
                            Math.Max(most.CpuMillicores, held.CpuMillicores),
                            Math.Max(most.MemoryMb, held.MemoryMb),
                            Math.Max(most.Gpu, held.Gpu),
                            Math.Max(most.BandwidthMbps, held.BandwidthMbps),
                            Math.Max(most.StorageMb, held.StorageMb));
                    }
                }
            }
        }

        private ResourceVector Sum(string workerId) =>
            _runs.Values.Where(r => r.OwnerWorker == workerId && r.State.HoldsReservation()).Aggregate(ResourceVector.Zero, (total, r) => total + r.Resources);
    }
}
