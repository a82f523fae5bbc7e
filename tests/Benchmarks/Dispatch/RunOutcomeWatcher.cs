using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// Follows the engine's change feed (changes are announced only after they were committed) and counts transitions
/// to <see cref="RunState.Succeeded"/>. Any other terminal state, or a run succeeding twice, fails the
/// benchmark. If the reader falls behind the feed's per-subscriber buffer, it resumes after the last change it
/// saw; it fails only if the feed no longer holds that change.
/// </summary>
internal sealed class RunOutcomeWatcher : IDisposable
{
    private readonly IChangeFeed _feed;
    private readonly HashSet<long> _succeeded = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private long _lastSequence;
    private int _resumes;

    private RunOutcomeWatcher(IChangeFeed feed, int expected)
    {
        _feed = feed;
        Succeeded = new CompletionCounter(expected);

        // Subscribed before this returns, so no change made after it is missed.
        _lastSequence = feed.LastSequence;
        var subscription = feed.Subscribe(_lastSequence);
        _reader = Task.Run(() => ReadAsync(subscription));
    }

    /// <summary>Runs that reached Succeeded, toward the expected number.</summary>
    public CompletionCounter Succeeded { get; }

    /// <summary>How often the reader fell behind and resumed from its last sequence.</summary>
    public int Resumes => Volatile.Read(ref _resumes);

    public static RunOutcomeWatcher Start(IChangeFeed feed, int expected) => new(feed, expected);

    /// <summary>Checks that exactly the runs in <paramref name="created"/> succeeded. Call after <see cref="Succeeded"/> reached its target.</summary>
    public async Task VerifyAsync(IReadOnlyCollection<long> created)
    {
        await _stop.CancelAsync();
        await _reader;
        if (_succeeded.Count != created.Count || !_succeeded.SetEquals(created))
        {
            var missing = created.Count(id => !_succeeded.Contains(id));
            throw new BenchmarkFailedException(
                $"{created.Count} runs were created but {_succeeded.Count} succeeded ({missing} of the created runs never succeeded)");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task ReadAsync(ChangeSubscription subscription)
    {
        try
        {
            while (true)
            {
                await foreach (var change in subscription.Changes.ReadAllAsync(_stop.Token))
                {
                    _lastSequence = change.Sequence;
                    Observe(change);
                }

                if (!subscription.ResnapshotRequired)
                {
                    return;
                }

                subscription.Dispose();
                Interlocked.Increment(ref _resumes);
                subscription = _feed.Subscribe(_lastSequence);
                if (subscription.ResnapshotRequired)
                {
                    Succeeded.Fail(new BenchmarkFailedException(
                        $"the change feed no longer holds the changes after sequence {_lastSequence}; the outcome of some runs cannot be observed"));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // VerifyAsync or Dispose ended the watch.
        }
        finally
        {
            subscription.Dispose();
        }
    }

    private void Observe(SchedulerChange change)
    {
        if (change.Kind != ChangeKind.Run || change.Run is not { } run || change.Transition is not { } transition || !transition.To.IsTerminal())
        {
            return;
        }

        if (transition.To != RunState.Succeeded)
        {
            Succeeded.Fail(new BenchmarkFailedException($"run {run.Id} ended {transition.To}: {run.Error}"));
        }
        else if (!_succeeded.Add(run.Id))
        {
            Succeeded.Fail(new BenchmarkFailedException($"run {run.Id} succeeded twice"));
        }
        else
        {
            Succeeded.Increment();
        }
    }
}
