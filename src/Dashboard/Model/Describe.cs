using System.Globalization;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model;

/// <summary>How engine values read on screen. One place, so every page says "timed out" the same way.</summary>
public static class Describe
{
    public static string State(RunState state) => state switch
    {
        RunState.TimedOut => "timed out",
        RunState.UpstreamFailed => "upstream failed",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Priority(Priority priority) => priority.ToString().ToLowerInvariant();

    public static string Stopping(StopIntent intent) => intent switch
    {
        StopIntent.Cancel => "cancelling",
        StopIntent.Preempt => "being preempted",
        StopIntent.Release => "being released",
        _ => "not stopping",
    };

    /// <summary>"3 s", "4 m 10 s", "2 h 05 m", "3 d 4 h".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} m {span.Seconds} s"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h {span.Minutes:00} m"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    /// <summary>The run's needs in short form, e.g. "1.5 cores · 512 MB · 1 GPU".</summary>
    public static string Resources(ResourceVector resources)
    {
        var parts = new List<string> { $"{resources.Cpu.ToString("0.##", CultureInfo.InvariantCulture)} {(resources.Cpu == 1 ? "core" : "cores")}", Megabytes(resources.MemoryMb) };
        if (resources.Gpu > 0)
        {
            parts.Add($"{resources.Gpu} GPU");
        }

        if (resources.BandwidthMbps > 0)
        {
            parts.Add($"{resources.BandwidthMbps} Mbps");
        }

        if (resources.StorageMb > 0)
        {
            parts.Add($"{Megabytes(resources.StorageMb)} disk");
        }

        return string.Join(" · ", parts);
    }

    public static string Megabytes(long megabytes) =>
        megabytes >= 1024 ? $"{(megabytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} GB" : $"{megabytes} MB";
}
