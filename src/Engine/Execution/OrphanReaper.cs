using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Execution;

/// <summary>
/// After a crash, finds the agent processes the previous engine left behind (they carry its engine id in their
/// environment) and stops their process groups, so no run executes twice when it is requeued.
/// </summary>
internal static partial class OrphanReaper
{
    public const string EngineIdVariable = "SCHEDULER_ENGINE_ID";

    /// <summary>Stops every process group that holds a process marked with <paramref name="engineId"/>; returns how many processes were found.</summary>
    public static async Task<int> ReapAsync(string engineId, TimeSpan gracePeriod, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var marker = Encoding.UTF8.GetBytes($"{EngineIdVariable}={engineId}\0");
        var self = Environment.ProcessId;
        var orphans = ProcessGroups.AllProcesses()
            .Where(p => p.Pid != self && p.State is not ('Z' or 'X') && Carries(p.Pid, marker))
            .ToList();
        foreach (var group in orphans.Select(o => o.Group).Distinct())
        {
            LogReaping(logger, group, string.Join(", ", orphans.Where(o => o.Group == group).Select(o => o.Pid.ToString(CultureInfo.InvariantCulture))));
            if (!await ProcessGroups.TerminateAsync(group, gracePeriod, time, cancellationToken))
            {
                LogSurvivor(logger, group);
            }
        }

        return orphans.Count;
    }

    private static bool Carries(int pid, byte[] marker)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{pid}/environ");
            return environment.AsSpan().IndexOf(marker) >= 0 || environment.AsSpan().EndsWith(marker.AsSpan(0, marker.Length - 1));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping orphaned agent process group {Group} (processes {Pids}) left by a previous engine")]
    private static partial void LogReaping(ILogger logger, int group, string pids);

    [LoggerMessage(Level = LogLevel.Error, Message = "Orphaned process group {Group} survived SIGKILL")]
    private static partial void LogSurvivor(ILogger logger, int group);
}
