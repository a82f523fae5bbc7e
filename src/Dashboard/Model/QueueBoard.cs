using System.Collections.ObjectModel;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// The queue as the Queues page shows it: five lanes in the engine's order, the runs that are assigned or
/// running, and the runs waiting for dependencies; kept current from the feed. Lanes are plain sorted lists so
/// a virtualized view renders only what is on screen, however many runs are queued.
/// </summary>
public sealed class QueueBoard(IDashboardClient client) : LiveModel<QueueSnapshot>(client)
{
    private static readonly IComparer<RunSnapshot> ByPosition = Comparer<RunSnapshot>.Create((a, b) =>
        a.QueuePosition != b.QueuePosition ? a.QueuePosition.CompareTo(b.QueuePosition) : a.Id.CompareTo(b.Id));

    private static readonly IComparer<RunSnapshot> ById = Comparer<RunSnapshot>.Create((a, b) => a.Id.CompareTo(b.Id));

    private readonly Dictionary<Priority, List<RunSnapshot>> _lanes = Priorities.HighestFirst.ToDictionary(p => p, _ => new List<RunSnapshot>());
    private readonly Dictionary<Priority, ReadOnlyCollection<RunSnapshot>> _laneViews = [];
    private readonly List<RunSnapshot> _active = [];
    private readonly List<RunSnapshot> _pending = [];
    private readonly Dictionary<long, RunSnapshot> _runs = [];

    /// <summary>The queued runs of a lane, first to last (a live read-only view).</summary>
    public ReadOnlyCollection<RunSnapshot> Lane(Priority priority)
    {
        if (!_laneViews.TryGetValue(priority, out var view))
        {
            _laneViews[priority] = view = _lanes[priority].AsReadOnly();
        }

        return view;
    }

    /// <summary>Runs that are assigned or running, by id.</summary>
    public IReadOnlyList<RunSnapshot> Active => _active;

    /// <summary>Runs waiting for dependencies, by id.</summary>
    public IReadOnlyList<RunSnapshot> Pending => _pending;

    /// <summary>How many runs are queued in all lanes.</summary>
    public int QueuedCount => _lanes.Values.Sum(l => l.Count);

    /// <summary>The run, if the board holds it.</summary>
    public RunSnapshot? Find(long runId) => _runs.GetValueOrDefault(runId);

    /// <summary>The run just before <paramref name="run"/> in its lane, or null when it is first.</summary>
    public RunSnapshot? Previous(RunSnapshot run) => Neighbour(run, -1);

    /// <summary>The run just after <paramref name="run"/> in its lane, or null when it is last.</summary>
    public RunSnapshot? Next(RunSnapshot run) => Neighbour(run, +1);

    /// <summary>Queued runs ahead of this one in dispatch order (higher lanes first, then lane order).</summary>
    public int Ahead(RunSnapshot run)
    {
        var ahead = 0;
        foreach (var lane in Priorities.HighestFirst)
        {
            var list = _lanes[lane];
            if (lane == run.Priority)
            {
                var index = list.BinarySearch(run, ByPosition);
                return ahead + (index < 0 ? ~index : index);
            }

            ahead += list.Count;
        }

        return ahead;
    }

    protected override async Task<(QueueSnapshot Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await Client.GetQueueAsync(cancellationToken);
        return (snapshot, snapshot.Sequence);
    }

    protected override void ApplySnapshot(QueueSnapshot snapshot)
    {
        foreach (var lane in _lanes.Values)
        {
            lane.Clear();
        }

        _active.Clear();
        _pending.Clear();
        _runs.Clear();
        foreach (var lane in snapshot.Lanes)
        {
            _lanes[lane.Priority].AddRange(lane.Runs);
            _lanes[lane.Priority].Sort(ByPosition);
        }

        _active.AddRange(snapshot.Active);
        _active.Sort(ById);
        _pending.AddRange(snapshot.Pending);
        _pending.Sort(ById);
        foreach (var run in snapshot.Lanes.SelectMany(l => l.Runs).Concat(snapshot.Active).Concat(snapshot.Pending))
        {
            _runs[run.Id] = run;
        }
    }

    protected override void ApplyChange(SchedulerChange change)
    {
        if (change.Run is not { } run)
        {
            return;
        }

        if (_runs.TryGetValue(run.Id, out var current))
        {
            if (current.Version >= run.Version)
            {
                return;
            }

            Remove(current);
        }

        switch (run.State)
        {
            case RunState.Queued:
                Insert(_lanes[run.Priority], run, ByPosition);
                break;
            case RunState.Assigned or RunState.Running:
                Insert(_active, run, ById);
                break;
            case RunState.Pending:
                Insert(_pending, run, ById);
                break;
            default:
                return;
        }

        _runs[run.Id] = run;
    }

    private void Remove(RunSnapshot run)
    {
        _runs.Remove(run.Id);
        var (list, order) = run.State switch
        {
            RunState.Queued => (_lanes[run.Priority], ByPosition),
            RunState.Assigned or RunState.Running => (_active, ById),
            _ => (_pending, ById),
        };
        var index = list.BinarySearch(run, order);
        if (index >= 0)
        {
            list.RemoveAt(index);
        }
    }

    private RunSnapshot? Neighbour(RunSnapshot run, int step)
    {
        var list = _lanes[run.Priority];
        var index = list.BinarySearch(run, ByPosition) + step;
        return run.State == RunState.Queued && index >= 0 && index < list.Count ? list[index] : null;
    }

    private static void Insert(List<RunSnapshot> list, RunSnapshot run, IComparer<RunSnapshot> order)
    {
        var index = list.BinarySearch(run, order);
        list.Insert(index < 0 ? ~index : index, run);
    }
}
