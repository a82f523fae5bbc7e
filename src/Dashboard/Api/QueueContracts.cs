using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>One priority lane and its queued runs in dispatch order.</summary>
/// <param name="Priority">The lane.</param>
/// <param name="Runs">Its queued runs, first to dispatch first (at most the <c>perLane</c> asked for).</param>
/// <param name="Total">How many runs the lane holds, listed or not.</param>
public sealed record LaneResponse(Priority Priority, IReadOnlyList<RunResponse> Runs, int Total);

/// <summary>The queue as of one change of the change feed.</summary>
/// <param name="Sequence">The change-feed sequence number the queue is current as of.</param>
/// <param name="Lanes">The five lanes, highest priority first.</param>
/// <param name="Active">The assigned and running runs.</param>
/// <param name="Pending">The runs waiting for their dependencies.</param>
public sealed record QueueResponse(long Sequence, IReadOnlyList<LaneResponse> Lanes, IReadOnlyList<RunResponse> Active, IReadOnlyList<RunResponse> Pending);
