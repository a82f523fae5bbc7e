namespace Scheduler.Benchmarks;

/// <summary>How many jobs a system completed in how long, with what a reader must know to compare it.</summary>
/// <param name="System">The system's short name, as the summary line spells it.</param>
/// <param name="Jobs">Jobs that were submitted, executed and verified.</param>
/// <param name="Elapsed">From the first submission to the last completion.</param>
/// <param name="Notes">What was measured and how the system was configured.</param>
internal sealed record ThroughputResult(string System, int Jobs, TimeSpan Elapsed, string Notes)
{
    public double PerSecond => Jobs / Elapsed.TotalSeconds;
}
