using System.Globalization;
using System.Runtime.InteropServices;

namespace Scheduler.Engine.Execution;

/// <summary>
/// Linux process-group control. Every subprocess agent is started through <c>setsid</c>, so it leads a new
/// process group that contains everything it spawns; stopping the group stops the whole tree, including
/// grandchildren that outlive their parent.
/// </summary>
internal static partial class ProcessGroups
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>util-linux setsid, present on every Debian; null elsewhere (then only the direct child is signalled).</summary>
    public static string? SetsidPath { get; } = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    public static bool Signal(int processGroup, int signal) => OperatingSystem.IsLinux() && Kill(-processGroup, signal) == 0;

    /// <summary>Live (non-zombie) processes whose process group is <paramref name="processGroup"/>.</summary>
    public static List<int> LiveMembers(int processGroup)
    {
        var members = new List<int>();
        foreach (var (pid, state, group) in AllProcesses())
        {
            if (group == processGroup && state != 'Z' && state != 'X')
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>SIGTERM to the group, SIGKILL to what is left after the grace period; true once no member is alive.</summary>
    public static async Task<bool> TerminateAsync(int processGroup, TimeSpan gracePeriod, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (LiveMembers(processGroup).Count == 0)
        {
            return true;
        }

        Signal(processGroup, SigTerm);
        if (await WaitUntilGoneAsync(processGroup, gracePeriod, time, cancellationToken))
        {
            return true;
        }

        Signal(processGroup, SigKill);
        return await WaitUntilGoneAsync(processGroup, TimeSpan.FromSeconds(5), time, cancellationToken);
    }

    /// <summary>The process's start time (clock ticks since boot), from /proc/&lt;pid&gt;/stat; null when unknown.</summary>
    public static long? StartTicks(int pid)
    {
        var fields = StatFields(pid);
        return fields is { Length: > 19 } && long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>Every process (pid, state, process group) visible in /proc.</summary>
    public static IEnumerable<(int Pid, char State, int Group)> AllProcesses()
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var fields = StatFields(pid);
            if (fields is { Length: > 2 } && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group))
            {
                yield return (pid, fields[0][0], group);
            }
        }
    }

    private static async Task<bool> WaitUntilGoneAsync(int processGroup, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (LiveMembers(processGroup).Count > 0)
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            // Processes give no notification we can wait on for a group; a short bounded poll is the honest way.
            await Task.Delay(TimeSpan.FromMilliseconds(25), time, cancellationToken);
        }

        return true;
    }

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name, starting with the state (field 3).</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 2)..].Split(' ');
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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
