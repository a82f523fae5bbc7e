using Scheduler.Engine.Events;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// What the runs grid follows from the feed: the known workers (for the worker filter) and whether any run
/// changed since the grid last loaded its page. The grid itself is a page of a server-side query, so it
/// reloads rather than patching rows.
/// </summary>
public sealed class RunHistoryFeed(IDashboardClient client) : LiveModel<IReadOnlyList<WorkerSnapshot>>(client)
{
    private readonly SortedSet<string> _workers = new(StringComparer.Ordinal);

    /// <summary>The workers the engine knows, by id.</summary>
    public IReadOnlyCollection<string> Workers => _workers;

    /// <summary>Whether a run changed since <see cref="TakeRunsChanged"/> was last called.</summary>
    public bool RunsChanged { get; private set; }

    /// <summary>Reads and clears <see cref="RunsChanged"/>.</summary>
    public bool TakeRunsChanged()
    {
        var changed = RunsChanged;
        RunsChanged = false;
        return changed;
    }

    /// <inheritdoc />
    protected override async Task<(IReadOnlyList<WorkerSnapshot> Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var (sequence, workers) = await Client.GetWorkersAsync(cancellationToken);
        return (workers, sequence);
    }

    /// <inheritdoc />
    protected override void ApplySnapshot(IReadOnlyList<WorkerSnapshot> snapshot)
    {
        _workers.Clear();
        _workers.UnionWith(snapshot.Select(w => w.Id));
        RunsChanged = true;
    }

    /// <inheritdoc />
    protected override void ApplyChange(SchedulerChange change)
    {
        switch (change.Kind)
        {
            case ChangeKind.Run:
                RunsChanged = true;
                break;
            case ChangeKind.Worker when change.Worker is { } worker:
                _workers.Add(worker.Id);
                break;
        }
    }
}
