using System.Collections.Concurrent;
using Scheduler.Engine.Execution;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// The live tail of a run's log: the lines so far, then each new one as it is written. Lines arrive on a
/// background task and are only buffered there; the owner moves them into <see cref="Lines"/> on its own
/// dispatcher (<see cref="ApplyPending"/>), told at most ten times a second. Only the newest
/// <see cref="MaxLines"/> lines are kept, so a chatty run cannot grow the page without bound.
/// </summary>
public sealed class LogTail(IDashboardClient client, long runId, int maxLines = LogTail.DefaultMaxLines)
{
    /// <summary>How many lines are kept by default.</summary>
    public const int DefaultMaxLines = 1000;

    private static readonly TimeSpan NotifyInterval = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentQueue<LogLine> _incoming = new();
    private readonly Queue<LogLine> _lines = new();
    private int _notifying;

    /// <summary>How many lines are kept.</summary>
    public int MaxLines { get; } = maxLines;

    /// <summary>The newest lines, oldest first.</summary>
    public IReadOnlyCollection<LogLine> Lines => _lines;

    /// <summary>How many older lines were dropped to stay within <see cref="MaxLines"/>.</summary>
    public long Dropped { get; private set; }

    /// <summary>Why the tail stopped following (the log could not be read), or null while it follows.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Follows the log until <paramref name="lifetime"/> is cancelled, calling <paramref name="notify"/> (from a
    /// background thread, at most ten times a second) when lines are waiting for <see cref="ApplyPending"/>.
    /// </summary>
    public Task FollowAsync(Func<Task> notify, CancellationToken lifetime) => Task.Run(() => PumpAsync(notify, lifetime), CancellationToken.None);

    /// <summary>Moves buffered lines into <see cref="Lines"/>; true when any arrived. Call on the owner's dispatcher.</summary>
    public bool ApplyPending()
    {
        var changed = false;
        while (_incoming.TryDequeue(out var line))
        {
            _lines.Enqueue(line);
            changed = true;
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
                Dropped++;
            }
        }

        return changed;
    }

    private async Task PumpAsync(Func<Task> notify, CancellationToken lifetime)
    {
        try
        {
            await foreach (var line in client.FollowLogAsync(runId, lifetime))
            {
                _incoming.Enqueue(line);
                if (Interlocked.Exchange(ref _notifying, 1) == 0)
                {
                    _ = NotifySoonAsync(notify, lifetime);
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The page was closed.
        }
        catch (IOException error)
        {
            Failure = $"The log could not be read: {error.Message}";
            await notify();
        }
    }

    private async Task NotifySoonAsync(Func<Task> notify, CancellationToken lifetime)
    {
        try
        {
            await Task.Delay(NotifyInterval, lifetime);
            Interlocked.Exchange(ref _notifying, 0);
            await notify();
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The page was closed before the lines were shown.
        }
    }
}
