using System.Globalization;
using System.Text;

namespace Scheduler.EndToEnd.Tests.Recovery;

/// <summary>A live process as /proc shows it.</summary>
/// <param name="Pid">Its id.</param>
/// <param name="StartTicks">When it started, in clock ticks since boot (with the pid, identifies it across pid reuse).</param>
/// <param name="RunId">The run it executes (SCHEDULER_RUN_ID in its environment).</param>
/// <param name="Attempt">The attempt it executes (SCHEDULER_ATTEMPT).</param>
internal sealed record AgentProcess(int Pid, long StartTicks, long RunId, int Attempt);

/// <summary>
/// Finds agent processes through /proc: every live (not zombie) process whose environment names a run. The engine
/// starts each agent with SCHEDULER_RUN_ID and SCHEDULER_ATTEMPT, so this sees every process of a run, whichever
/// host started it.
/// </summary>
internal static class AgentProcesses
{
    public static List<AgentProcess> Live(IReadOnlySet<long> runIds)
    {
        var found = new List<AgentProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            var environment = Environment(pid);
            if (stat.State is not ('Z' or 'X') && Variable(environment, "SCHEDULER_RUN_ID") is { } run && runIds.Contains(run))
            {
                found.Add(new AgentProcess(pid, stat.StartTicks, run, (int)(Variable(environment, "SCHEDULER_ATTEMPT") ?? 0)));
            }
        }

        return found;
    }

    /// <summary>Whether the process that had <paramref name="pid"/> and started at <paramref name="startTicks"/> still runs.</summary>
    public static bool IsAlive(int pid, long startTicks) => Stat(pid) is { } stat && stat.StartTicks == startTicks && stat.State is not ('Z' or 'X');

    public static long StartTicksOf(int pid) => Stat(pid)?.StartTicks ?? throw new InvalidOperationException($"process {pid} does not exist");

    /// <summary>SIGKILL, for cleaning up after a failed test; the process may already be gone.</summary>
    public static void KillQuietly(int pid, long startTicks)
    {
        if (!IsAlive(pid, startTicks))
        {
            return;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static (char State, long StartTicks)? Stat(int pid)
    {
        try
        {
            // The command name (field 2) is in parentheses and may hold spaces; fields after it are space separated.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] Environment(int pid)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ")).Split('\0');
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static long? Variable(string[] environment, string name)
    {
        var prefix = name + "=";
        var entry = environment.FirstOrDefault(e => e.StartsWith(prefix, StringComparison.Ordinal));
        return entry is not null && long.TryParse(entry.AsSpan(prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
