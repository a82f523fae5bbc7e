using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>One priority lane and its queued runs in order.</summary>
public sealed record LaneSnapshot(Priority Priority, IReadOnlyList<RunSnapshot> Runs);

/// <summary>
/// The queue as of change <see cref="Sequence"/>: the five lanes highest first, and the runs that are assigned or
/// running. Apply changes after <see cref="Sequence"/> from the feed to keep it current.
/// </summary>
public sealed record QueueSnapshot(long Sequence, IReadOnlyList<LaneSnapshot> Lanes, IReadOnlyList<RunSnapshot> Active, IReadOnlyList<RunSnapshot> Pending);
