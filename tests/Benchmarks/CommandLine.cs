using System.Globalization;

namespace Scheduler.Benchmarks;

/// <summary>Picks the command named by the first argument and runs it; maps failures to exit codes.</summary>
internal static class CommandLine
{
    /// <summary>A benchmark failed its own checks (a job that was counted did not really run, a run was lost…).</summary>
    public const int Failed = 1;

    /// <summary>Unknown command or bad arguments.</summary>
    public const int UsageError = 2;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT, as a shell reports it).</summary>
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(IReadOnlyList<IBenchmarkCommand> commands, string[] args)
    {
        // Figures are read by people and scripts alike: one decimal point everywhere, whatever the machine's locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var command = args.Length == 0 ? null : commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            if (args.Length > 0)
            {
                await Console.Error.WriteLineAsync($"unknown command '{args[0]}'");
            }

            await Console.Error.WriteLineAsync(Usage(commands));
            return UsageError;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await command.RunAsync(args[1..], cancel.Token);
        }
        catch (UsageException error)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: {error.Message}");
            await Console.Error.WriteLineAsync(Usage(commands));
            return UsageError;
        }
        catch (BenchmarkFailedException error)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: FAILED: {error.Message}");
            return Failed;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: cancelled");
            return Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string Usage(IReadOnlyList<IBenchmarkCommand> commands)
    {
        var width = commands.Max(c => c.Synopsis.Length);
        var lines = commands.Select(c => $"  {c.Synopsis.PadRight(width)}  {c.Description}");
        return $"""
            usage: dotnet run -c Release --project tests/Benchmarks -- <command> [options]

            commands:
            {string.Join(Environment.NewLine, lines)}
            """;
    }
}
