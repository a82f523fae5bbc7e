using Scheduler.Engine.Scheduling;

namespace Scheduler.Benchmarks.Placement;

/// <summary>
/// The memory the queue index holds: a fresh <see cref="RunQueue"/> and <see cref="DispatchIndex"/> filled the way
/// EngineLoop.QueueAdd fills them (the shape, with its constraint key, computed per run), measured as the growth of
/// <see cref="GC.GetTotalMemory(bool)"/> with a full collection before and after. Only what the two structures
/// retain counts; the runs' own records (RunRecord) are not part of the index.
/// </summary>
internal static class IndexMemory
{
    public static long RetainedBytes(PlacementWorkload workload, int runs)
    {
        var source = Enumerable.Range(1, runs).Select(id => workload.NextRun(id)).ToArray();
        var now = DateTimeOffset.UnixEpoch;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var queue = new RunQueue();
        var dispatch = new DispatchIndex();
        foreach (var run in source)
        {
            var position = queue.BackOf(run.Priority);
            queue.Add(run.Id, run.Priority, position);
            dispatch.Add(run.Id, RunShape.Of(run.Agent.Id, run.Resources, run.Agent.Constraints), run.Priority, position, null, now);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        if (queue.Count != runs || dispatch.Count != runs)
        {
            throw new BenchmarkFailedException($"the index holds {queue.Count} and {dispatch.Count} runs, not {runs}");
        }

        GC.KeepAlive(queue);
        GC.KeepAlive(dispatch);
        GC.KeepAlive(source);
        return after - before;
    }
}
