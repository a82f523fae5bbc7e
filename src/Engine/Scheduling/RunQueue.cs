using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Five priority lanes, each an explicit order that operators can change. A run is in at most one lane at one
/// position, so a move can never leave a duplicate behind. Positions are sparse integers: inserting between two
/// runs takes the midpoint, and only when two neighbours touch is the lane renumbered (the caller persists the
/// renumbered positions).
/// </summary>
internal sealed class RunQueue
{
    public const long Gap = 1 << 16;

    private readonly SortedSet<(long Position, long RunId)>[] _lanes =
        [.. Enumerable.Range(0, Priorities.HighestFirst.Count).Select(_ => new SortedSet<(long, long)>())];

    private readonly Dictionary<long, (Priority Lane, long Position)> _index = [];

    public int Count => _index.Count;

    public bool Contains(long runId) => _index.ContainsKey(runId);

    public int CountIn(Priority lane) => Lane(lane).Count;

    public (Priority Lane, long Position)? Find(long runId) => _index.TryGetValue(runId, out var at) ? at : null;

    /// <summary>The runs of one lane, first to last.</summary>
    public IEnumerable<long> InOrder(Priority lane) => Lane(lane).Select(e => e.RunId);

    /// <summary>Every queued run, highest lane first, each lane in its order.</summary>
    public IEnumerable<long> InDispatchOrder() => Priorities.HighestFirst.SelectMany(InOrder);

    /// <summary>A position behind every run of the lane.</summary>
    public long BackOf(Priority lane) => Lane(lane).Count == 0 ? 0 : Lane(lane).Max.Position + Gap;

    /// <summary>A position ahead of every run of the lane.</summary>
    public long FrontOf(Priority lane) => Lane(lane).Count == 0 ? 0 : Lane(lane).Min.Position - Gap;

    public void Add(long runId, Priority lane, long position)
    {
        if (!_index.TryAdd(runId, (lane, position)))
        {
            throw new InvalidOperationException($"Run {runId} is already queued.");
        }

        if (!Lane(lane).Add((position, runId)))
        {
            _index.Remove(runId);
            throw new InvalidOperationException($"Position {position} of lane {lane} is taken.");
        }
    }

    public void Clear()
    {
        foreach (var lane in _lanes)
        {
            lane.Clear();
        }

        _index.Clear();
    }

    public void Remove(long runId)
    {
        if (_index.Remove(runId, out var at))
        {
            Lane(at.Lane).Remove((at.Position, runId));
        }
    }

    /// <summary>
    /// A free position just before (or, with <paramref name="after"/>, just after) <paramref name="targetRunId"/>
    /// in its lane, ignoring <paramref name="movingRunId"/>. Renumbers the lane when the neighbours touch and
    /// reports every run whose position changed so the caller can persist it.
    /// </summary>
    public long PositionNextTo(long targetRunId, bool after, long movingRunId, List<(long RunId, long Position)> renumbered)
    {
        var (lane, _) = _index[targetRunId];
        while (true)
        {
            var target = _index[targetRunId].Position;
            var set = Lane(lane);
            (long Position, long RunId)? neighbour = after
                ? set.GetViewBetween((target + 1, long.MinValue), (long.MaxValue, long.MaxValue)).Where(e => e.RunId != movingRunId).Select(e => ((long, long)?)e).FirstOrDefault()
                : set.GetViewBetween((long.MinValue, long.MinValue), (target - 1, long.MaxValue)).Reverse().Where(e => e.RunId != movingRunId).Select(e => ((long, long)?)e).FirstOrDefault();

            if (neighbour is null)
            {
                return after ? target + Gap : target - Gap;
            }

            var low = after ? target : neighbour.Value.Position;
            var high = after ? neighbour.Value.Position : target;
            if (high - low >= 2)
            {
                return low + ((high - low) / 2);
            }

            Renumber(lane, renumbered);
        }
    }

    private void Renumber(Priority lane, List<(long RunId, long Position)> renumbered)
    {
        var set = Lane(lane);
        var entries = set.ToList();
        set.Clear();
        for (var i = 0; i < entries.Count; i++)
        {
            var position = i * Gap;
            var runId = entries[i].RunId;
            set.Add((position, runId));
            _index[runId] = (lane, position);
            renumbered.Add((runId, position));
        }
    }

    private SortedSet<(long Position, long RunId)> Lane(Priority lane) => _lanes[(int)lane];
}
