namespace Scheduler.Engine.Runs;

/// <summary>Runs started and finished in one time bucket.</summary>
/// <param name="Start">The bucket's start.</param>
/// <param name="Started">Attempts that started in it.</param>
/// <param name="Finished">Runs that reached a terminal state in it.</param>
/// <param name="Failed">Of those, how many ended badly (failed, timed out, cancelled, upstream failed).</param>
public sealed record ThroughputBucket(DateTimeOffset Start, int Started, int Finished, int Failed);

/// <summary>An agent's runs over the whole history, in one line.</summary>
/// <param name="Total">How many runs it has had.</param>
/// <param name="LatestRunId">Its newest run.</param>
/// <param name="LatestState">That run's state.</param>
public sealed record AgentRunSummary(int Total, long LatestRunId, RunState LatestState);
