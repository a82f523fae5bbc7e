namespace Scheduler.Benchmarks;

/// <summary>Run before every measured pass, so a pass does not pay for the garbage an earlier one left behind.</summary>
internal static class Settle
{
    public static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
