using Scheduler.Engine.Runs;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>Checks what the engine stored against what the benchmark observed, through the engine's read API (which reads the database).</summary>
internal static class RunHistoryCheck
{
    private static readonly RunState[] Path = [RunState.Queued, RunState.Assigned, RunState.Running, RunState.Succeeded];

    /// <summary>
    /// Every stored run succeeded and there are exactly <paramref name="expected"/> of them; the sample run's stored
    /// timeline went queued → assigned → running → succeeded. Returns how many transitions that timeline holds.
    /// </summary>
    public static async Task<int> VerifyAsync(EngineUnderTest engine, long sampleRunId, int expected, CancellationToken cancellationToken)
    {
        var stored = await engine.Runs.ListAsync(new RunFilter(), 0, 1, cancellationToken);
        var succeeded = await engine.Runs.ListAsync(new RunFilter { States = [RunState.Succeeded] }, 0, 1, cancellationToken);
        if (stored.Total != expected || succeeded.Total != expected)
        {
            throw new BenchmarkFailedException($"the database holds {stored.Total} runs, {succeeded.Total} of them succeeded; expected {expected} succeeded runs");
        }

        var sample = await engine.Runs.GetAsync(sampleRunId, cancellationToken)
            ?? throw new BenchmarkFailedException($"run {sampleRunId} is not in the database");
        var states = sample.Timeline.Select(entry => entry.To).ToList();
        if (!states.Where(Path.Contains).SequenceEqual(Path))
        {
            throw new BenchmarkFailedException($"run {sampleRunId}'s stored timeline is {string.Join(" -> ", states)}");
        }

        return sample.Timeline.Count;
    }
}
