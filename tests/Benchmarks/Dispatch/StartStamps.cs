using System.Collections.Concurrent;
using System.Diagnostics;
using Scheduler.Engine.Execution;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// A lifecycle hook that stamps (<see cref="Stopwatch"/> timestamp) the moment the engine is about to start each
/// run's agent, which is after the run's assignment was committed. The first start of a run counts; a second one
/// is remembered as a repeat, which must not happen to a no-op run.
/// </summary>
internal sealed class StartStamps : IRunLifecycleHook
{
    private readonly ConcurrentDictionary<long, long> _firstStart = new();
    private int _repeats;

    public int Repeats => Volatile.Read(ref _repeats);

    public ValueTask PreStartAsync(RunExecutionContext run, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (!_firstStart.TryAdd(run.RunId, now))
        {
            Interlocked.Increment(ref _repeats);
        }

        return ValueTask.CompletedTask;
    }

    public long StartOf(long runId) => _firstStart.TryGetValue(runId, out var timestamp)
        ? timestamp
        : throw new BenchmarkFailedException($"run {runId} succeeded but its pre-start hook never ran");
}
