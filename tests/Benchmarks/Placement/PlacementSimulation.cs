using Microsoft.Extensions.Options;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Workers;

namespace Scheduler.Benchmarks.Placement;

/// <summary>
/// The engine's in-memory scheduling structures — <see cref="RunQueue"/> (the operators' lane order),
/// <see cref="DispatchIndex"/> (queued runs by shape), <see cref="WorkerPool"/> (reservations and the placement
/// policy) and <see cref="PreemptionPlanner"/> — driven the way EngineLoop drives them, without the database:
/// a placement decision is EngineLoop.Dispatch's pass (release due backoffs, walk the index, place and reserve,
/// take the placed runs out of both queue structures); a preemption decision is what PreemptForBlockedRuns does
/// for one blocked run (build the planner's view of the workers and plan). Persisting and announcing the outcome
/// is the dispatch benchmark's subject, not this one's.
/// </summary>
internal sealed class PlacementSimulation
{
    private readonly PlacementWorkload _workload;
    private readonly WorkerPool _workers;
    private readonly RunQueue _queue = new();
    private readonly DispatchIndex _dispatch = new();
    private readonly Dictionary<long, BenchRun> _runs = [];
    private readonly Dictionary<int, int> _activeByAgent = [];
    private readonly List<BenchRun> _running = [];
    private readonly int _targetQueued;
    private long _nextId = 1;
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public PlacementSimulation(PlacementWorkload workload, int queued)
    {
        _workload = workload;
        _targetQueued = queued;
        _workers = new WorkerPool(Options.Create(new WorkerOptions { Embedded = [.. workload.Workers], Placement = PlacementPolicy.BestFit }), TimeProvider.System);
        var connection = new NoWorkerConnection();
        foreach (var worker in _workers.All)
        {
            worker.Connection = connection;
        }

        foreach (var agent in workload.Agents)
        {
            foreach (var variant in agent.Variants.Where(v => !_workers.CouldEverFit(v, agent.Constraints)))
            {
                throw new BenchmarkFailedException($"{agent.Name} variant {variant} fits no worker; the workload is wrong");
            }
        }
    }

    /// <summary>No global limit: the workers' capacity is what binds, as on a cluster sized for its work.</summary>
    public int MaxConcurrentRuns { get; init; } = int.MaxValue;

    public int Queued => _queue.Count;

    public int Running => _running.Count;

    public int Shapes => _dispatch.ShapeCount;

    public int Placed { get; private set; }

    public int Preempted { get; private set; }

    public int PlansWithVictims { get; private set; }

    public int PlansFitting { get; private set; }

    public int PlansImpossible { get; private set; }

    /// <summary>
    /// Fills the workers with runs of every priority that started over the last hour (the work that was running
    /// before the backlog built up), then queues runs until <c>queued</c> wait behind them.
    /// </summary>
    public void Fill()
    {
        var misses = 0;
        while (misses < 200)
        {
            var run = _workload.NextRun(_nextId++, (Priority)_workload.Random.Next(5));
            _runs[run.Id] = run;
            var worker = _workers.Place(run.Resources, run.Agent.Constraints, run.Agent.Name);
            if (worker is null || AtAgentLimit(run, 0))
            {
                _runs.Remove(run.Id);
                misses++;
                continue;
            }

            Start(run, worker, _now - TimeSpan.FromSeconds(_workload.Random.Next(3_600)));
        }

        TopUp();
    }

    /// <summary>A random running run exits (untimed), then one dispatch pass (timed) places what now fits.</summary>
    public DecisionTime PlacementDecision()
    {
        Finish(_running[_workload.Random.Next(_running.Count)]);
        Tick();
        var started = DecisionClock.Start();
        var placed = DispatchPass();
        var elapsed = DecisionClock.Stop(started);
        foreach (var (run, worker) in placed)
        {
            Start(run, worker, _now);
        }

        Placed += placed.Count;
        TopUp();
        return elapsed;
    }

    /// <summary>
    /// A critical or high run arrives at the back of its lane while the workers are full; if the dispatch pass does
    /// not place it, the planner (timed, with the view of the workers it plans on) finds the cheapest victims on one
    /// worker. The plan is then carried out (untimed): victims back to the front of their lanes, the run placed.
    /// </summary>
    public DecisionTime? PreemptionDecision()
    {
        var priority = _workload.Random.Next(3) == 0 ? Priority.Critical : Priority.High;
        var run = _workload.NextRun(_nextId++, priority);
        _runs[run.Id] = run;
        Enqueue(run, _queue.BackOf(priority));
        Tick();
        foreach (var (placedRun, worker) in DispatchPass())
        {
            Start(placedRun, worker, _now);
        }

        if (!_queue.Contains(run.Id) || AtAgentLimit(run, 0))
        {
            return null;
        }

        var started = DecisionClock.Start();
        var plan = PreemptionPlanner.Plan(run.Priority, run.Resources, run.Agent.Constraints, PlannerView(run), _now);
        var elapsed = DecisionClock.Stop(started);
        Carry(run, plan);
        TopUp();
        return elapsed;
    }

    /// <summary>
    /// The scan EngineLoop.PreemptForBlockedRuns makes after every dispatch pass: a plan for each of the first 32
    /// queued runs of every preempting lane (high and critical) that is not held back by its agent's limit. Timed
    /// as a whole; nothing is carried out.
    /// </summary>
    public DecisionTime PreemptionScan()
    {
        var started = DecisionClock.Start();
        var plans = 0;
        var running = new Dictionary<WorkerState, PreemptionCandidate[]>();
        var noVictims = new HashSet<(RunShape, Priority)>();
        foreach (var lane in Priorities.HighestFirst.Where(p => p >= Priority.High))
        {
            foreach (var runId in _queue.InOrder(lane).Take(32).ToList())
            {
                var run = _runs[runId];
                if (AtAgentLimit(run, 0))
                {
                    continue;
                }

                var key = (RunShape.Of(run.Agent.Id, run.Resources, run.Agent.Constraints), run.Priority);
                if (noVictims.Contains(key))
                {
                    continue;
                }

                if (PreemptionPlanner.Plan(run.Priority, run.Resources, run.Agent.Constraints, PlannerView(run, running), _now) is { NeedsPreemption: true })
                {
                    plans++;
                }
                else
                {
                    noVictims.Add(key);
                }
            }
        }

        var elapsed = DecisionClock.Stop(started);
        ScanPlans += plans;
        return elapsed;
    }

    public int ScanPlans { get; private set; }

    /// <summary>Throws when a worker holds more than its capacity or the two queue structures disagree.</summary>
    public void Verify()
    {
        foreach (var worker in _workers.All)
        {
            var held = worker.OwnedRuns.Select(id => _runs[id].Resources).Aggregate(ResourceVector.Zero, (a, b) => a + b);
            if (held != worker.Reserved || !worker.Reserved.FitsWithin(worker.Capacity))
            {
                throw new BenchmarkFailedException($"{worker.Id} holds {held} (reserved {worker.Reserved}) of {worker.Capacity}");
            }
        }

        if (_queue.Count != _dispatch.Count || _queue.Count + _running.Count != _runs.Count)
        {
            throw new BenchmarkFailedException($"queue {_queue.Count}, index {_dispatch.Count}, running {_running.Count}, runs {_runs.Count} do not add up");
        }
    }

    /// <summary>EngineLoop.Dispatch's placement pass, without persisting the assignments.</summary>
    private List<(BenchRun Run, WorkerState Worker)> DispatchPass()
    {
        _dispatch.Release(_now);
        var picks = new List<(BenchRun Run, WorkerState Worker)>();
        if (_dispatch.Count == 0)
        {
            return picks;
        }

        var pickedByAgent = new Dictionary<int, int>();
        var largestFree = _workers.LargestFree();
        _dispatch.Walk(
            (runId, shape) =>
            {
                if (!shape.Resources.FitsWithin(largestFree))
                {
                    return false;
                }

                var run = _runs[runId];
                if (AtAgentLimit(run, pickedByAgent.GetValueOrDefault(run.Agent.Id)))
                {
                    return false;
                }

                var worker = _workers.Place(shape.Resources, run.Agent.Constraints, run.Agent.Name);
                if (worker is null)
                {
                    return false;
                }

                worker.Reserve(run.Id, run.Resources);
                picks.Add((run, worker));
                pickedByAgent[run.Agent.Id] = pickedByAgent.GetValueOrDefault(run.Agent.Id) + 1;
                return true;
            },
            () => _running.Count + picks.Count >= MaxConcurrentRuns);

        foreach (var (run, _) in picks)
        {
            _queue.Remove(run.Id);
            _dispatch.Remove(run.Id);
        }

        return picks;
    }

    /// <summary>EngineLoop.PlannerView: the workers the run could ever go to, each with what runs on it (built once per scan when <paramref name="running"/> is given).</summary>
    private IEnumerable<PreemptionWorker> PlannerView(BenchRun run, Dictionary<WorkerState, PreemptionCandidate[]>? running = null) =>
        _workers.All.Where(w => w.AcceptsWork && w.Volunteers(run.Agent.Name) && run.Resources.FitsWithin(w.Capacity)
            && WorkerConstraints.Satisfied(w.Labels, run.Agent.Constraints)).Select(w => new PreemptionWorker(
            w.Id,
            w.Capacity,
            w.Free,
            w.Labels,
            w.AcceptsWork,
            running is null ? Candidates(w) : running.TryGetValue(w, out var known) ? known : running[w] = Candidates(w)));

    private PreemptionCandidate[] Candidates(WorkerState worker) =>
        [.. worker.OwnedRuns.Select(id => _runs[id]).Select(r => new PreemptionCandidate(r.Id, r.Priority, r.Resources, r.StartedAt, Stoppable: true))];

    private void Carry(BenchRun run, PreemptionPlan? plan)
    {
        switch (plan)
        {
            case null:
                PlansImpossible++;
                return;
            case { NeedsPreemption: false }:
                PlansFitting++;
                break;
            default:
                PlansWithVictims++;
                break;
        }

        foreach (var victim in plan.Victims)
        {
            // A preempted run is stopped and returns to the front of its lane as a new attempt.
            var stopped = _runs[victim.RunId];
            Finish(stopped);
            var again = new BenchRun(_nextId++, stopped.Agent, stopped.Priority, stopped.Resources);
            _runs[again.Id] = again;
            Enqueue(again, _queue.FrontOf(again.Priority));
            Preempted++;
        }

        var worker = _workers.Find(plan.WorkerId)!;
        worker.Reserve(run.Id, run.Resources);
        _queue.Remove(run.Id);
        _dispatch.Remove(run.Id);
        Start(run, worker, _now);
    }

    private bool AtAgentLimit(BenchRun run, int pickedThisPass) =>
        run.Agent.MaxConcurrency is { } limit && _activeByAgent.GetValueOrDefault(run.Agent.Id) + pickedThisPass >= limit;

    private void Enqueue(BenchRun run, long position)
    {
        // EngineLoop.QueueAdd: the lane order and the dispatch index, shape computed from the run's fields.
        run.Position = position;
        _queue.Add(run.Id, run.Priority, position);
        _dispatch.Add(run.Id, RunShape.Of(run.Agent.Id, run.Resources, run.Agent.Constraints), run.Priority, position, null, _now);
    }

    private void Start(BenchRun run, WorkerState worker, DateTimeOffset startedAt)
    {
        if (!worker.OwnedRuns.Contains(run.Id))
        {
            worker.Reserve(run.Id, run.Resources);
        }

        run.Worker = worker.Id;
        run.StartedAt = startedAt;
        _running.Add(run);
        _activeByAgent[run.Agent.Id] = _activeByAgent.GetValueOrDefault(run.Agent.Id) + 1;
    }

    private void Finish(BenchRun run)
    {
        _workers.Find(run.Worker!)!.Release(run.Id, run.Resources);
        _running.Remove(run);
        _runs.Remove(run.Id);
        _activeByAgent[run.Agent.Id]--;
    }

    private void TopUp()
    {
        while (_queue.Count < _targetQueued)
        {
            var run = _workload.NextRun(_nextId++);
            _runs[run.Id] = run;
            Enqueue(run, _queue.BackOf(run.Priority));
        }
    }

    private void Tick() => _now += TimeSpan.FromSeconds(1);

    /// <summary>Embedded workers need a connection to accept work; the benchmark starts nothing.</summary>
    private sealed class NoWorkerConnection : IWorkerConnection
    {
        public void StartRun(StartOrder order)
        {
        }

        public void StopRun(long runId, long epoch)
        {
        }
    }
}
