namespace Scheduler.Benchmarks.Dispatch;

/// <summary>Enqueue→start latency under a <see cref="LatencyPlan"/>, in milliseconds.</summary>
/// <param name="Plan">What was offered.</param>
/// <param name="AchievedPerSecond">The rate the runs were really submitted at (the pacer can fall behind on a busy machine).</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Worst.</param>
/// <param name="Gc">Garbage collection in the whole process while the phase ran, so the process's own pauses can be told from a busy machine's.</param>
internal sealed record LatencyResult(LatencyPlan Plan, double AchievedPerSecond, double P50Ms, double P99Ms, double MaxMs, GcActivity Gc);

/// <summary>How much the process paused for garbage collection, and how many full (gen 2) collections it made.</summary>
internal sealed record GcActivity(TimeSpan Paused, int Gen2Collections);
