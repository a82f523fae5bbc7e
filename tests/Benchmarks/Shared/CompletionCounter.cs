using System.Diagnostics;

namespace Scheduler.Benchmarks;

/// <summary>
/// Counts completed jobs toward a target and remembers the <see cref="Stopwatch"/> timestamp at which the target
/// was reached. Thread-safe; cheap enough to call from inside the job being measured.
/// </summary>
internal sealed class CompletionCounter(int target)
{
    private readonly TaskCompletionSource<long> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Target => target;

    public int Count => Volatile.Read(ref _count);

    public void Increment()
    {
        if (Interlocked.Increment(ref _count) == target)
        {
            _reached.TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Makes <see cref="WaitAsync"/> fail: something happened that the benchmark must not count.</summary>
    public void Fail(BenchmarkFailedException error) => _reached.TrySetException(error);

    /// <summary>
    /// Waits until the target is reached and returns when; fails when the count has not moved for
    /// <paramref name="stallTimeout"/>, so a lost job ends the benchmark instead of hanging it.
    /// </summary>
    public async Task<long> WaitAsync(string what, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var lastCount = -1;
        var lastProgress = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await _reached.Task.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (TimeoutException)
            {
                var count = Count;
                if (count != lastCount)
                {
                    lastCount = count;
                    lastProgress = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetElapsedTime(lastProgress) > stallTimeout)
                {
                    throw new BenchmarkFailedException(
                        $"{what}: {count} of {target} completed and no progress for {stallTimeout.TotalSeconds:0} s");
                }
            }
        }
    }
}
