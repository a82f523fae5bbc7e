using System.Globalization;

namespace Scheduler.Benchmarks.Placement;

/// <summary>The <c>placement</c> command's arguments.</summary>
/// <param name="Queued">Runs kept queued behind the workers throughout the measurement.</param>
/// <param name="Workers">Workers of varied sizes and labels.</param>
/// <param name="Decisions">Measured decisions of each kind (placement passes and preemption plans).</param>
/// <param name="Seed">Seed of the workload, so a run of the benchmark can be repeated exactly.</param>
internal sealed record PlacementOptions(int Queued, int Workers, int Decisions, int Seed)
{
    public const int DefaultQueued = 100_000;
    public const int DefaultWorkers = 50;
    public const int DefaultDecisions = 20_000;
    public const int DefaultSeed = 4;

    /// <summary>Decisions of each kind made first and thrown away, so JIT compilation is paid before the measured pass.</summary>
    public int WarmupDecisions => Math.Min(Decisions, 2_000);

    /// <exception cref="UsageException">An unknown option or a bad value.</exception>
    public static PlacementOptions Parse(IReadOnlyList<string> args)
    {
        var queued = DefaultQueued;
        var workers = DefaultWorkers;
        var decisions = DefaultDecisions;
        var seed = DefaultSeed;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            value ??= i + 1 < args.Count ? args[++i] : null;
            switch (name)
            {
                case "--queued":
                    queued = Number(name, value, 1, 1_000_000);
                    break;
                case "--workers":
                    workers = Number(name, value, 1, 1_000);
                    break;
                case "--decisions":
                    decisions = Number(name, value, 1, 1_000_000);
                    break;
                case "--seed":
                    seed = Number(name, value, 0, int.MaxValue);
                    break;
                default:
                    throw new UsageException($"unknown option '{name}'");
            }
        }

        return new PlacementOptions(queued, workers, decisions, seed);
    }

    private static int Number(string name, string? value, int min, int max) =>
        value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new UsageException($"{name} must be a whole number from {min} to {max} (was '{value}')");
}
