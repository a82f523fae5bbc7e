using System.Diagnostics;
using Scheduler.Engine.Runs;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// Our engine, end to end on a fresh SQLite file: runs are created through <see cref="IRunService"/>, queued,
/// placed on a worker, started, executed and recorded succeeded, every transition committed before it is
/// announced. Phase 1 measures throughput, phase 2 enqueue→start latency under a steady load; then the stored
/// history is checked against what was observed.
/// </summary>
internal static class OursBenchmark
{
    public const string Name = "ours";

    /// <summary>Concurrent producers of the throughput phase; each submits its share without waiting between calls.</summary>
    private const int Producers = 8;

    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public static async Task<(ThroughputResult Throughput, LatencyResult Latency)> RunAsync(int runs, LatencyPlan plan, CancellationToken cancellationToken)
    {
        using var folder = TempFolder.Create(Name);
        var databasePath = folder.File("scheduler.db");
        await using var engine = await EngineUnderTest.StartAsync(databasePath, cancellationToken);
        await using (var connection = engine.Database.OpenConnection())
        {
            await SqliteDurability.RequireFullSyncAsync(connection, Name, cancellationToken);
        }

        var (elapsed, accepted, resumes, sample) = await MeasureThroughputAsync(engine, runs, cancellationToken);
        var latency = await EngineLatency.MeasureAsync(engine, plan, StallTimeout, cancellationToken);
        var transitions = await RunHistoryCheck.VerifyAsync(engine, sample, runs + plan.Runs, cancellationToken);
        if (engine.Starts.Repeats > 0)
        {
            throw new BenchmarkFailedException($"{engine.Starts.Repeats} runs were started more than once");
        }

        await engine.StopAsync();
        var journal = await SqliteFile.JournalModeAsync(databasePath, cancellationToken);
        var notes = $"first enqueue to last Succeeded seen on the change feed; {Producers} producers, all accepted after {accepted.TotalSeconds:0.000} s; journal={journal}, " +
            $"synchronous=FULL; {transitions} durable transitions per run; {EngineUnderTest.Describe()}" +
            (resumes > 0 ? $"; feed reader resumed {resumes}x" : string.Empty);
        return (new ThroughputResult(Name, runs, elapsed, notes), latency);
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan Accepted, int Resumes, long Sample)> MeasureThroughputAsync(EngineUnderTest engine, int runs, CancellationToken cancellationToken)
    {
        Settle.CollectGarbage();
        using var watcher = RunOutcomeWatcher.Start(engine.Feed, runs);
        var started = Stopwatch.GetTimestamp();
        var shares = Enumerable.Range(0, Producers).Select(p => runs / Producers + (p < runs % Producers ? 1 : 0));
        var producers = shares.Select(share => Task.Run(() => EnqueueAsync(engine, share), cancellationToken));
        var created = (await Task.WhenAll(producers)).SelectMany(ids => ids).ToList();
        var accepted = Stopwatch.GetElapsedTime(started);
        var finished = await watcher.Succeeded.WaitAsync($"{Name}: runs succeeded", StallTimeout, cancellationToken);
        await watcher.VerifyAsync(created);
        return (Stopwatch.GetElapsedTime(started, finished), accepted, watcher.Resumes, created[^1]);
    }

    private static async Task<long[]> EnqueueAsync(EngineUnderTest engine, int count)
    {
        var pending = new Task<EngineResult<RunSnapshot>>[count];
        for (var i = 0; i < count; i++)
        {
            pending[i] = engine.Runs.CreateAsync(engine.Request);
        }

        return [.. (await Task.WhenAll(pending)).Select(Accepted)];
    }

    /// <summary>The id of a run the engine accepted; a refusal fails the benchmark.</summary>
    public static long Accepted(EngineResult<RunSnapshot> result) => result.Succeeded
        ? result.Value!.Id
        : throw new BenchmarkFailedException($"the engine refused a run: {result.Error.Message}");
}
