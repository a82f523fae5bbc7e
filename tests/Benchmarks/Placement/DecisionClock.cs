using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Scheduler.Benchmarks.Placement;

/// <summary>How long one decision took: on the wall clock, and in CPU time of the deciding thread.</summary>
/// <param name="WallUs">Elapsed microseconds, including any time the thread waited for a core.</param>
/// <param name="CpuUs">Microseconds the thread itself ran (garbage collections it performed included).</param>
internal readonly record struct DecisionTime(double WallUs, double CpuUs);

/// <summary>
/// Times decisions on the wall clock and on the thread's own CPU clock (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a
/// machine shared with other work the wall clock also counts the time the thread waited for a core; the CPU clock
/// shows what the decision itself costs.
/// </summary>
internal static partial class DecisionClock
{
    private const int ClockThreadCpuTime = 3;

    public static (long Wall, long Cpu) Start() => (Stopwatch.GetTimestamp(), ThreadCpuNanoseconds());

    public static DecisionTime Stop((long Wall, long Cpu) started)
    {
        var cpu = ThreadCpuNanoseconds();
        var wall = Stopwatch.GetElapsedTime(started.Wall);
        return new DecisionTime(wall.TotalMicroseconds, (cpu - started.Cpu) / 1_000.0);
    }

    private static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTime, out var now) != 0)
        {
            throw new BenchmarkFailedException("the thread CPU clock needs Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        }

        return (now.Seconds * 1_000_000_000) + now.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
