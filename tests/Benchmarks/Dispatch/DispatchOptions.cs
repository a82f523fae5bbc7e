using System.Globalization;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>The <c>dispatch</c> command's arguments.</summary>
/// <param name="Runs">Jobs pushed through each system in the measured pass.</param>
internal sealed record DispatchOptions(int Runs)
{
    public const int DefaultRuns = 10_000;
    public const int MaxRuns = 1_000_000;

    /// <summary>The steady load of the latency phase (the 1,000 runs/s, for about 5 s).</summary>
    public static LatencyPlan Latency { get; } = new(1_000, TimeSpan.FromSeconds(5));

    /// <summary>
    /// Each system first runs this many jobs on an instance of its own, so JIT compilation and first-use costs
    /// are paid before the measured pass.
    /// </summary>
    public int WarmupRuns => Math.Min(Runs, 500);

    /// <summary>A short paced phase for the warm-up, so the latency path is compiled too.</summary>
    public static LatencyPlan WarmupLatency { get; } = new(1_000, TimeSpan.FromSeconds(0.25));

    /// <exception cref="UsageException">An unknown option or a bad value.</exception>
    public static DispatchOptions Parse(IReadOnlyList<string> args)
    {
        var runs = DefaultRuns;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            switch (name)
            {
                case "--runs":
                    value ??= i + 1 < args.Count ? args[++i] : throw new UsageException("--runs needs a number");
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs is < 1 or > MaxRuns)
                    {
                        throw new UsageException($"--runs must be a whole number from 1 to {MaxRuns} (was '{value}')");
                    }

                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'");
            }
        }

        return new DispatchOptions(runs);
    }
}
