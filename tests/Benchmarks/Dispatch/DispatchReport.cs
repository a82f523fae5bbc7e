using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// Prints the <c>dispatch</c> benchmark: progress while it runs, then the table, the ratios, the latency and, as the
/// very last line, the machine-readable summary. Every number uses the invariant culture.
/// </summary>
internal static class DispatchReport
{
    private const double QuartzTarget = 10;
    private const double HangfireTarget = 1;
    private const double P99TargetMs = 10;

    // Progress shows time since the report started, not the wall clock.
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static void PrintHeader(DispatchOptions options)
    {
        var configuration = typeof(DispatchReport).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";
        Line("dispatch benchmark");
        Line($"  {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}, " +
            $"{Environment.ProcessorCount} logical cores, {configuration} build" +
            (configuration == "Release" ? string.Empty : " (figures are only meaningful in Release: dotnet run -c Release)"));
        Line($"  {options.Runs} jobs per system; one system at a time, each warmed up first on an instance of its own ({options.WarmupRuns} jobs)");
        Line(string.Empty);
    }

    public static void Progress(string system, string message) =>
        Line($"[{Number(Stopwatch.GetElapsedTime(Started).TotalSeconds, "0.0"),6} s] {system}: {message}");

    public static void PrintResults(ThroughputResult ours, ThroughputResult quartz, ThroughputResult hangfire, LatencyResult latency)
    {
        ThroughputResult[] rows = [ours, quartz, hangfire];
        var width = rows.Max(r => r.System.Length);
        Line(string.Empty);
        Line($"{"system".PadRight(width)}  {"jobs",8}  {"seconds",8}  {"jobs/s",9}  notes");
        foreach (var row in rows)
        {
            Line($"{row.System.PadRight(width)}  {row.Jobs,8}  {Number(row.Elapsed.TotalSeconds, "0.000"),8}  {Number(row.PerSecond, "0.0"),9}  {row.Notes}");
        }

        Line(string.Empty);
        Line(Ratio(ours, quartz, QuartzTarget));
        Line(Ratio(ours, hangfire, HangfireTarget));
        Line($"enqueue->start latency ({latency.Plan}, achieved {Number(latency.AchievedPerSecond, "0.0")}/s; from just before CreateAsync to the pre-start hook): " +
            $"p50 {Number(latency.P50Ms, "0.00")} ms, p99 {Number(latency.P99Ms, "0.00")} ms, max {Number(latency.MaxMs, "0.00")} ms " +
            $"(target p99 < {P99TargetMs} ms: {Verdict(latency.P99Ms < P99TargetMs)}); GC paused the process {Number(latency.Gc.Paused.TotalMilliseconds, "0.0")} ms " +
            $"meanwhile ({latency.Gc.Gen2Collections} gen2 collections)");
        Line(string.Empty);
        Line($"dispatch: ours={Number(ours.PerSecond, "0.0")} quartz_sqlite={Number(quartz.PerSecond, "0.0")} " +
            $"hangfire_memory={Number(hangfire.PerSecond, "0.0")} p50_ms={Number(latency.P50Ms, "0.00")} p99_ms={Number(latency.P99Ms, "0.00")}");
    }

    private static string Ratio(ThroughputResult ours, ThroughputResult other, double target)
    {
        var ratio = ours.PerSecond / other.PerSecond;
        return $"{ours.System} / {other.System} = {Number(ratio, "0.00")}x (target >= {target}x: {Verdict(ratio >= target)})";
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Line(string text) => Console.Out.WriteLine(text);
}
