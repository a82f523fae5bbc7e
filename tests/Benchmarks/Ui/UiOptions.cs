using System.Globalization;

namespace Scheduler.Benchmarks.Ui;

/// <summary>The <c>ui</c> command's arguments.</summary>
/// <param name="Runs">Runs held in the queue.</param>
/// <param name="ChangesPerSecond">Queue moves per second sent through the API while measuring.</param>
/// <param name="Contexts">Browser contexts with the Queues page open.</param>
/// <param name="Probes">Probe changes whose arrival in every browser is timed.</param>
internal sealed record UiOptions(int Runs, int ChangesPerSecond, int Contexts, int Probes)
{
    /// <exception cref="UsageException">An unknown option or a bad value.</exception>
    public static UiOptions Parse(IReadOnlyList<string> args)
    {
        var options = new UiOptions(10_000, 200, 5, 40);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            value ??= i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a number");
            options = name switch
            {
                "--runs" => options with { Runs = Number(name, value, 200, 100_000) },
                "--rate" => options with { ChangesPerSecond = Number(name, value, 1, 5_000) },
                "--contexts" => options with { Contexts = Number(name, value, 1, 20) },
                "--probes" => options with { Probes = Number(name, value, 1, 10_000) },
                _ => throw new UsageException($"unknown option '{name}'"),
            };
        }

        return options;
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new UsageException($"{name} must be a whole number from {min} to {max} (was '{value}')");
}
