namespace Scheduler.Benchmarks.Dispatch;

/// <summary>A steady offered load: <paramref name="RunsPerSecond"/> for <paramref name="Duration"/>.</summary>
internal sealed record LatencyPlan(int RunsPerSecond, TimeSpan Duration)
{
    public int Runs => (int)(RunsPerSecond * Duration.TotalSeconds);

    public override string ToString() => $"{Runs} runs offered at {RunsPerSecond}/s for {Duration.TotalSeconds:0.##} s";
}
