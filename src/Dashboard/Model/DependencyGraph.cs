using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// The dependency graph as the Graph page shows it: runs (around a root run, or the unfinished runs and their
/// neighbours), the edges between them, and the schedules with their cascades; kept current from the feed. It
/// remembers what changed since the view last drew (<see cref="TakeChanges"/>), so a state change only
/// re-colours a node and only new runs and edges cost a new layout.
/// </summary>
public sealed partial class DependencyGraph : LiveModel<RunGraph>
{
    /// <summary>The most runs the graph grows to from the feed; later runs are left out and <see cref="Truncated"/> says so.</summary>
    public const int MaxRuns = 1000;

    private readonly Dictionary<long, GraphRun> _runs = [];
    private readonly Dictionary<long, long> _versions = [];
    private readonly List<GraphEdge> _edges = [];
    private readonly Dictionary<long, List<long>> _upstream = [];
    private readonly SortedDictionary<int, GraphSchedule> _schedules = [];
    private readonly List<GraphScheduleEdge> _scheduleEdges = [];
    private readonly HashSet<long> _changed = [];
    private readonly List<long> _added = [];
    private readonly List<GraphEdge> _addedEdges = [];
    private bool _redraw;
    private bool _schedulesChanged;

    /// <param name="client">The engine.</param>
    /// <param name="root">The run to draw the graph around; null for the unfinished runs and their neighbours.</param>
    /// <param name="depth">How many dependency hops from <paramref name="root"/>, in both directions.</param>
    public DependencyGraph(IDashboardClient client, long? root, int depth)
        : base(client)
    {
        Root = root;
        Depth = depth;
    }

    /// <summary>The run the graph is drawn around, if any.</summary>
    public long? Root { get; }

    /// <summary>How many hops from <see cref="Root"/> the graph reaches.</summary>
    public int Depth { get; }

    /// <summary>The runs, by id.</summary>
    public IReadOnlyDictionary<long, GraphRun> Runs => _runs;

    /// <summary>The edges between the runs.</summary>
    public IReadOnlyList<GraphEdge> Edges => _edges;

    /// <summary>The schedules, by id.</summary>
    public IReadOnlyCollection<GraphSchedule> Schedules => _schedules.Values;

    /// <summary>Cascades and dependencies between the schedules.</summary>
    public IReadOnlyList<GraphScheduleEdge> ScheduleEdges => _scheduleEdges;

    /// <summary>Whether runs were left out because the graph reached its size limit.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The runs waiting for dependencies, by id.</summary>
    public IEnumerable<GraphRun> Waiting => _runs.Values.Where(r => r.State == RunState.Pending).OrderBy(r => r.RunId);

    /// <summary>
    /// What blocks a run: the unfinished runs it waits for, directly or through other unfinished runs, and the
    /// edges along which it waits. Empty when the run does not wait (or is not in the graph).
    /// </summary>
    public BlockingPath BlockingPathOf(long runId)
    {
        var runs = new SortedSet<long>();
        var edges = new List<GraphEdge>();
        if (!_runs.TryGetValue(runId, out var start) || start.State.IsTerminal())
        {
            return new BlockingPath(runs, edges);
        }

        var frontier = new Queue<long>([runId]);
        var seen = new HashSet<long> { runId };
        while (frontier.TryDequeue(out var current))
        {
            foreach (var upstream in _upstream.GetValueOrDefault(current) ?? [])
            {
                if (_runs.TryGetValue(upstream, out var run) && !run.State.IsTerminal())
                {
                    edges.Add(new GraphEdge(current, upstream));
                    runs.Add(upstream);
                    if (seen.Add(upstream))
                    {
                        frontier.Enqueue(upstream);
                    }
                }
            }
        }

        return new BlockingPath(runs, edges);
    }

    /// <summary>What changed since the last call, and forgets it. Call on the owner's dispatcher.</summary>
    public GraphChanges TakeChanges()
    {
        var changes = new GraphChanges(
            _redraw,
            _schedulesChanged,
            [.. _changed.Where(id => !_added.Contains(id)).Select(id => _runs[id])],
            [.. _added.Select(id => _runs[id])],
            [.. _addedEdges]);
        _redraw = false;
        _schedulesChanged = false;
        _changed.Clear();
        _added.Clear();
        _addedEdges.Clear();
        return changes;
    }

    /// <summary>
    /// The graph, and the feed sequence to follow from. The sequence is read first (the workers' snapshot carries
    /// the feed's current sequence), so a change made while the graph is read is applied again afterwards, in
    /// order, which leaves every run in its latest state.
    /// </summary>
    protected override async Task<(RunGraph Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var (sequence, _) = await Client.GetWorkersAsync(cancellationToken);
        var graph = await Client.GetGraphAsync(Root, Depth, cancellationToken);
        return (graph, sequence);
    }

    protected override void ApplySnapshot(RunGraph snapshot)
    {
        _runs.Clear();
        _versions.Clear();
        _edges.Clear();
        _upstream.Clear();
        _changed.Clear();
        _added.Clear();
        _addedEdges.Clear();
        foreach (var run in snapshot.Runs)
        {
            _runs[run.RunId] = run;
        }

        foreach (var edge in snapshot.Edges)
        {
            AddEdge(edge);
        }

        _schedules.Clear();
        foreach (var schedule in snapshot.Schedules)
        {
            _schedules[schedule.ScheduleId] = schedule;
        }

        _scheduleEdges.Clear();
        _scheduleEdges.AddRange(snapshot.ScheduleEdges);
        Truncated = snapshot.Truncated;
        _redraw = true;
        _schedulesChanged = true;
    }

    protected override void ApplyChange(SchedulerChange change)
    {
        switch (change.Kind)
        {
            case ChangeKind.Run when change.Run is { } run:
                ApplyRun(run);
                break;
            case ChangeKind.Schedule when change.Schedule is { } schedule:
                ApplySchedule(schedule);
                break;
            case ChangeKind.ScheduleDeleted when change.Id is { } id:
                RemoveSchedule((int)id);
                break;
            default:
                break;
        }
    }

    private void ApplyRun(RunSnapshot run)
    {
        if (_versions.TryGetValue(run.Id, out var version) && version >= run.Version)
        {
            return;
        }

        if (_runs.TryGetValue(run.Id, out var current))
        {
            _versions[run.Id] = run.Version;
            var updated = current with { State = run.State, Priority = run.Priority, InheritedFrom = run.InheritedFrom };
            if (updated != current)
            {
                _runs[run.Id] = updated;
                _changed.Add(run.Id);
            }

            return;
        }

        if (!Joins(run))
        {
            return;
        }

        if (_runs.Count >= MaxRuns)
        {
            Truncated = true;
            return;
        }

        _versions[run.Id] = run.Version;
        _runs[run.Id] = new GraphRun(run.Id, run.AgentName, run.State, run.Priority, run.InheritedFrom, run.ScheduleId, run.CreatedAt);
        _added.Add(run.Id);
        foreach (var upstream in run.DependsOn.Where(_runs.ContainsKey))
        {
            var edge = new GraphEdge(run.Id, upstream);
            AddEdge(edge);
            _addedEdges.Add(edge);
        }
    }

    // A new run belongs in the graph of unfinished runs while it is unfinished; around a root, when it depends
    // on a run the graph already shows.
    private bool Joins(RunSnapshot run) => Root is null
        ? !run.State.IsTerminal()
        : Depth > 0 && run.DependsOn.Any(_runs.ContainsKey);

    private void AddEdge(GraphEdge edge)
    {
        _edges.Add(edge);
        if (!_upstream.TryGetValue(edge.Dependent, out var upstream))
        {
            _upstream[edge.Dependent] = upstream = [];
        }

        upstream.Add(edge.DependsOn);
    }
}
