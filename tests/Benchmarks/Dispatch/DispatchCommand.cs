namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// <c>dispatch</c>: the same number of no-op jobs through our engine (durable SQLite), Quartz.NET's SQLite job store
/// and Hangfire's in-memory storage, one system at a time in this process, each warmed up on an instance of its
/// own first; then the enqueue→start latency of our engine under a steady load.
/// </summary>
internal sealed class DispatchCommand : IBenchmarkCommand
{
    public string Name => "dispatch";

    public string Synopsis => "dispatch [--runs N]";

    public string Description =>
        $"N (default {DispatchOptions.DefaultRuns}) no-op runs through our engine, Quartz on SQLite and Hangfire in memory; runs/s, ratios, enqueue->start p50/p99";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = DispatchOptions.Parse(args);
        DispatchReport.PrintHeader(options);

        DispatchReport.Progress(OursBenchmark.Name, $"warm-up: {options.WarmupRuns} runs, then {DispatchOptions.WarmupLatency}");
        await OursBenchmark.RunAsync(options.WarmupRuns, DispatchOptions.WarmupLatency, cancellationToken);
        DispatchReport.Progress(OursBenchmark.Name, $"measuring: {options.Runs} runs, then {DispatchOptions.Latency}");
        var (ours, latency) = await OursBenchmark.RunAsync(options.Runs, DispatchOptions.Latency, cancellationToken);
        DispatchReport.Progress(OursBenchmark.Name, $"{ours.PerSecond:0.0} runs/s, p99 {latency.P99Ms:0.00} ms");

        var quartz = await MeasureAsync(QuartzSqliteBenchmark.Name, options, QuartzSqliteBenchmark.RunAsync, cancellationToken);
        var hangfire = await MeasureAsync(HangfireMemoryBenchmark.Name, options, HangfireMemoryBenchmark.RunAsync, cancellationToken);

        DispatchReport.PrintResults(ours, quartz, hangfire, latency);
        return 0;
    }

    private static async Task<ThroughputResult> MeasureAsync(
        string system,
        DispatchOptions options,
        Func<int, CancellationToken, Task<ThroughputResult>> run,
        CancellationToken cancellationToken)
    {
        DispatchReport.Progress(system, $"warm-up: {options.WarmupRuns} jobs");
        await run(options.WarmupRuns, cancellationToken);
        DispatchReport.Progress(system, $"measuring: {options.Runs} jobs");
        var result = await run(options.Runs, cancellationToken);
        DispatchReport.Progress(system, $"{result.PerSecond:0.0} jobs/s");
        return result;
    }
}
