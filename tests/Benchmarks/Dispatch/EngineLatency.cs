using System.Diagnostics;
using Scheduler.Engine.Runs;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// Offers runs to the engine at a steady rate and measures, per run, from just before <see cref="IRunService.CreateAsync"/>
/// to the pre-start hook (the run was queued, placed, its assignment committed, and its agent is being started).
/// </summary>
internal static class EngineLatency
{
    public static async Task<LatencyResult> MeasureAsync(EngineUnderTest engine, LatencyPlan plan, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var count = plan.Runs;
        var enqueuedAt = new long[count];
        var pending = new Task<EngineResult<RunSnapshot>>[count];
        using var watcher = RunOutcomeWatcher.Start(engine.Feed, count);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        Settle.CollectGarbage();
        var gcPauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        while (true)
        {
            // Run i is due i/rate seconds after the start. Each tick submits every run that is due, so a late tick
            // catches up instead of lowering the offered rate.
            var due = (int)Math.Min(count, (Stopwatch.GetElapsedTime(started).TotalSeconds * plan.RunsPerSecond) + 1);
            for (; next < due; next++)
            {
                enqueuedAt[next] = Stopwatch.GetTimestamp();
                pending[next] = engine.Runs.CreateAsync(engine.Request);
            }

            if (next == count)
            {
                break;
            }

            await ticks.WaitForNextTickAsync(cancellationToken);
        }

        var lastSubmission = Stopwatch.GetElapsedTime(started, enqueuedAt[^1]);
        var ids = (await Task.WhenAll(pending)).Select(OursBenchmark.Accepted).ToArray();
        await watcher.Succeeded.WaitAsync($"{OursBenchmark.Name}: paced runs succeeded", stallTimeout, cancellationToken);
        await watcher.VerifyAsync(ids);
        var gc = new GcActivity(GC.GetTotalPauseDuration() - gcPauseBefore, GC.CollectionCount(2) - gen2Before);

        var latencies = new Percentiles(ids.Select((id, i) => Stopwatch.GetElapsedTime(enqueuedAt[i], engine.Starts.StartOf(id)).TotalMilliseconds));
        var achieved = count > 1 ? (count - 1) / lastSubmission.TotalSeconds : plan.RunsPerSecond;
        return new LatencyResult(plan, achieved, latencies.At(50), latencies.At(99), latencies.Max, gc);
    }
}
