using System.Collections.Concurrent;
using Scheduler.Engine.Events;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// A view model kept current from the engine: a snapshot, then the feed's changes after the snapshot's
/// sequence. The feed is read on a background task that only buffers; the owner applies what is buffered on
/// its own dispatcher (<see cref="ApplyPending"/>), so the view model is never touched from two threads. When the
/// feed reports a gap (a circuit that fell too far behind, or a restarted engine) the snapshot is reloaded, so a
/// reconnecting view resumes without gaps or duplicates.
/// </summary>
public abstract class LiveModel<TSnapshot> : IAsyncDisposable
    where TSnapshot : class
{
    private readonly ConcurrentQueue<SchedulerChange> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private TSnapshot? _pendingSnapshot;
    private long _pendingSnapshotSequence;
    private Task _watch = Task.CompletedTask;

    protected LiveModel(IDashboardClient client) => Client = client;

    /// <summary>Raised, on a background thread, when changes are waiting to be applied.</summary>
    public event Action? ChangesPending;

    /// <summary>The feed sequence the view model reflects.</summary>
    public long Sequence { get; private set; }

    /// <summary>Whether the model has loaded its first snapshot.</summary>
    public bool Loaded { get; private set; }

    /// <summary>How many times the snapshot had to be reloaded because the feed had a gap.</summary>
    public int Resnapshots { get; private set; }

    protected IDashboardClient Client { get; }

    /// <summary>Loads the first snapshot (on the caller's dispatcher) and starts following the feed.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (snapshot, sequence) = await LoadAsync(cancellationToken);
        ApplySnapshot(snapshot);
        Sequence = sequence;
        Loaded = true;
        _watch = WatchAsync(sequence, _stop.Token);
    }

    /// <summary>Applies what the feed delivered since the last call; true when anything changed. Call on the owner's dispatcher.</summary>
    public bool ApplyPending()
    {
        var changed = false;
        var snapshot = Interlocked.Exchange(ref _pendingSnapshot, null);
        if (snapshot is not null)
        {
            ApplySnapshot(snapshot);
            Sequence = _pendingSnapshotSequence;
            Resnapshots++;
            changed = true;
        }

        while (_pending.TryDequeue(out var change))
        {
            if (change.Sequence > Sequence)
            {
                ApplyChange(change);
                Sequence = change.Sequence;
                changed = true;
            }
        }

        return changed;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watch;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out.
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the snapshot and the sequence it is current as of.</summary>
    protected abstract Task<(TSnapshot Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the whole view model.</summary>
    protected abstract void ApplySnapshot(TSnapshot snapshot);

    /// <summary>Applies one change.</summary>
    protected abstract void ApplyChange(SchedulerChange change);

    private async Task WatchAsync(long after, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var gap = false;
            await foreach (var batch in Client.WatchAsync(after, cancellationToken))
            {
                if (batch.ResnapshotRequired)
                {
                    gap = true;
                    break;
                }

                foreach (var change in batch.Changes)
                {
                    _pending.Enqueue(change);
                    after = change.Sequence;
                }

                ChangesPending?.Invoke();
            }

            if (!gap)
            {
                return;
            }

            var (snapshot, sequence) = await LoadAsync(cancellationToken);
            _pendingSnapshotSequence = sequence;
            Interlocked.Exchange(ref _pendingSnapshot, snapshot);
            after = sequence;
            ChangesPending?.Invoke();
        }
    }
}
