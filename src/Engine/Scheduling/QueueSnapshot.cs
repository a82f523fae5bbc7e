using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>One priority lane and its queued runs in order (the first of them, when the snapshot was asked for fewer).</summary>
public sealed record LaneSnapshot(Priority Priority, IReadOnlyList<RunSnapshot> Runs)
{
    /// <summary>How many runs the lane holds, listed or not.</summary>
    public int Total { get; init; } = Runs.Count;
}

/// <summary>
/// The queue as of change <see cref="Sequence"/>: the five lanes highest first, and the runs that are assigned or
/// running. Apply changes after <see cref="Sequence"/> from the feed to keep it current.
/// </summary>
public sealed record QueueSnapshot(long Sequence, IReadOnlyList<LaneSnapshot> Lanes, IReadOnlyList<RunSnapshot> Active, IReadOnlyList<RunSnapshot> Pending);
