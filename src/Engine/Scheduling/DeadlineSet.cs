namespace Scheduler.Engine.Scheduling;

/// <summary>Ids with a due time, earliest first; each id at most once.</summary>
internal sealed class DeadlineSet
{
    private readonly SortedSet<(DateTimeOffset Due, long Id)> _byDue = [];
    private readonly Dictionary<long, DateTimeOffset> _byId = [];

    public DateTimeOffset? Next => _byDue.Count == 0 ? null : _byDue.Min.Due;

    public void Set(long id, DateTimeOffset due)
    {
        Remove(id);
        _byId[id] = due;
        _byDue.Add((due, id));
    }

    public void Remove(long id)
    {
        if (_byId.Remove(id, out var due))
        {
            _byDue.Remove((due, id));
        }
    }

    public void Clear()
    {
        _byDue.Clear();
        _byId.Clear();
    }

    /// <summary>Removes and returns every id due at or before <paramref name="now"/>.</summary>
    public List<long> TakeDue(DateTimeOffset now)
    {
        var due = new List<long>();
        while (_byDue.Count > 0 && _byDue.Min.Due <= now)
        {
            var (_, id) = _byDue.Min;
            Remove(id);
            due.Add(id);
        }

        return due;
    }
}
