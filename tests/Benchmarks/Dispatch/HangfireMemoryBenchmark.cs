using System.Diagnostics;
using Hangfire;
using Hangfire.InMemory;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// Hangfire with its in-memory storage (nothing is durable): a <see cref="BackgroundJobServer"/> performing
/// fire-and-forget no-op jobs enqueued through <see cref="BackgroundJobClient"/>.
/// </summary>
internal static class HangfireMemoryBenchmark
{
    public const string Name = "hangfire_memory";

    private const int WorkerCount = 32;
    private const int Producers = 8;
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ThroughputResult> RunAsync(int jobs, CancellationToken cancellationToken)
    {
        var executions = new CompletionCounter(jobs);
        using var storage = new InMemoryStorage();
        TimeSpan elapsed;
        var options = new BackgroundJobServerOptions
        {
            ServerName = $"bench-{Guid.NewGuid():N}",
            WorkerCount = WorkerCount,
            Activator = new HangfireNoopJob.CountingActivator(executions),
        };
        using (var server = new BackgroundJobServer(options, storage))
        {
            var client = new BackgroundJobClient(storage);
            Settle.CollectGarbage();
            var started = Stopwatch.GetTimestamp();
            var shares = Enumerable.Range(0, Producers).Select(p => jobs / Producers + (p < jobs % Producers ? 1 : 0));
            await Task.WhenAll(shares.Select(share => Task.Run(() => Enqueue(client, share), cancellationToken)));
            var finished = await executions.WaitAsync($"{Name}: jobs executed", StallTimeout, cancellationToken);
            elapsed = Stopwatch.GetElapsedTime(started, finished);
            await WaitForSucceededStateAsync(storage, jobs, cancellationToken);
        }

        if (executions.Count != jobs)
        {
            throw new BenchmarkFailedException($"{Name}: {executions.Count} executions of {jobs} jobs");
        }

        var notes = $"first Enqueue to last execution counted in the job; {Producers} producers; {WorkerCount} workers; in memory, not durable";
        return new ThroughputResult(Name, jobs, elapsed, notes);
    }

    private static void Enqueue(BackgroundJobClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            client.Enqueue<HangfireNoopJob>(job => job.Run());
        }
    }

    /// <summary>Hangfire records a job succeeded after its method returned; every job must get there.</summary>
    private static async Task WaitForSucceededStateAsync(InMemoryStorage storage, int jobs, CancellationToken cancellationToken)
    {
        var monitoring = storage.GetMonitoringApi();
        var since = Stopwatch.GetTimestamp();
        long succeeded;
        while ((succeeded = monitoring.GetStatistics().Succeeded) != jobs)
        {
            if (Stopwatch.GetElapsedTime(since) > StallTimeout)
            {
                throw new BenchmarkFailedException($"{Name}: {succeeded} of {jobs} jobs recorded succeeded");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
