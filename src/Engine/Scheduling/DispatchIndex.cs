using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// What makes two queued runs interchangeable for placement: same agent (its concurrency limit), same
/// resources, same constraints. If one run of a shape does not fit anywhere, none of them does.
/// </summary>
internal readonly record struct RunShape(int AgentId, ResourceVector Resources, string Constraints)
{
    public static RunShape Of(int agentId, ResourceVector resources, IReadOnlyList<string> constraints) =>
        new(agentId, resources, constraints.Count == 0 ? string.Empty : string.Join('\n', constraints.Order(StringComparer.Ordinal)));
}

/// <summary>
/// The queue as the dispatcher reads it: queued runs grouped by <see cref="RunShape"/>, each group in dispatch
/// order (highest lane first, then lane position), plus runs waiting out a retry backoff kept aside until due.
/// A dispatch pass merges the groups' heads in dispatch order and drops a group the first time its head cannot
/// be placed, so a pass costs O((placed + shapes) · log shapes) however many runs are queued. Mirrors
/// <see cref="RunQueue"/>, which keeps the operators' order; the engine loop updates both together.
/// </summary>
internal sealed class DispatchIndex
{
    private readonly Dictionary<RunShape, SortedSet<(int Lane, long Position, long RunId)>> _groups = [];
    private readonly Dictionary<long, (RunShape Shape, (int Lane, long Position, long RunId) Key)> _ready = [];
    private readonly SortedSet<(DateTimeOffset Due, long RunId)> _backoff = [];
    private readonly Dictionary<long, (DateTimeOffset Due, RunShape Shape, Priority Lane, long Position)> _waiting = [];

    // The heads of a walk, kept between walks so a dispatch pass does not allocate it anew.
    private readonly PriorityQueue<(RunShape Shape, SortedSet<(int Lane, long Position, long RunId)> Group, IEnumerator<(int Lane, long Position, long RunId)>? Remaining), (int, long, long)> _heads = new();

    public int Count => _ready.Count + _waiting.Count;

    public int ShapeCount => _groups.Count;

    /// <summary>The earliest retry backoff still running, or null.</summary>
    public DateTimeOffset? NextDue => _backoff.Count == 0 ? null : _backoff.Min.Due;

    public void Clear()
    {
        _groups.Clear();
        _ready.Clear();
        _backoff.Clear();
        _waiting.Clear();
    }

    public void Add(long runId, RunShape shape, Priority lane, long position, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        if (notBefore is { } due && due > now)
        {
            _waiting.Add(runId, (due, shape, lane, position));
            _backoff.Add((due, runId));
            return;
        }

        var key = (-(int)lane, position, runId);
        if (!_groups.TryGetValue(shape, out var group))
        {
            _groups[shape] = group = [];
        }

        group.Add(key);
        _ready.Add(runId, (shape, key));
    }

    public void Remove(long runId)
    {
        if (_ready.Remove(runId, out var entry))
        {
            var group = _groups[entry.Shape];
            group.Remove(entry.Key);
            if (group.Count == 0)
            {
                _groups.Remove(entry.Shape);
            }
        }
        else if (_waiting.Remove(runId, out var waiting))
        {
            _backoff.Remove((waiting.Due, runId));
        }
    }

    /// <summary>Makes runs whose backoff has passed dispatchable.</summary>
    public void Release(DateTimeOffset now)
    {
        while (_backoff.Count > 0 && _backoff.Min.Due <= now)
        {
            var (_, runId) = _backoff.Min;
            _backoff.Remove(_backoff.Min);
            _waiting.Remove(runId, out var waiting);
            Add(runId, waiting.Shape, waiting.Lane, waiting.Position, null, now);
        }
    }

    /// <summary>
    /// Walks dispatchable runs in dispatch order. <paramref name="tryPlace"/> answers whether the walk should go
    /// on with more runs of the same shape (false when the run could not be placed: no run of that shape can be
    /// in this pass). Placed runs are removed by the caller after the walk, never during it.
    /// </summary>
    public void Walk(Func<long, RunShape, bool> tryPlace, Func<bool> stop)
    {
        // Each group's head is its minimum; an enumerator (which allocates) is opened only for a group whose head
        // was placed, so a pass over a full cluster allocates next to nothing however many shapes are queued.
        var heads = _heads;
        heads.Clear();
        foreach (var (shape, group) in _groups)
        {
            heads.Enqueue((shape, group, null), group.Min);
        }

        while (!stop() && heads.TryDequeue(out var head, out var key))
        {
            if (!tryPlace(key.Item3, head.Shape))
            {
                continue;
            }

            if (head.Remaining is null)
            {
                head.Remaining = head.Group.GetEnumerator();
                head.Remaining.MoveNext();
            }

            if (head.Remaining.MoveNext())
            {
                heads.Enqueue(head, head.Remaining.Current);
            }
        }

        heads.Clear();
    }
}
