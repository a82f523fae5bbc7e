using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Api;

/// <summary>One priority lane and its queued runs in dispatch order.</summary>
public sealed record LaneResponse(Priority Priority, IReadOnlyList<RunResponse> Runs);

/// <summary>The queue as of change <see cref="Sequence"/> of the change feed: the five lanes highest first, the assigned and running runs, and the runs waiting for dependencies.</summary>
public sealed record QueueResponse(long Sequence, IReadOnlyList<LaneResponse> Lanes, IReadOnlyList<RunResponse> Active, IReadOnlyList<RunResponse> Pending);

/// <summary>A worker: its capacity, what is reserved on it, what is free, and the runs it owns.</summary>
public sealed record WorkerResponse(
    string Id,
    ResourcesDto Capacity,
    ResourcesDto Reserved,
    ResourcesDto Free,
    IReadOnlyDictionary<string, string> Labels,
    WorkerStatus Status,
    bool Embedded,
    IReadOnlyList<long> OwnedRuns,
    DateTimeOffset LastHeartbeat);

/// <summary>The workers as of change <see cref="Sequence"/> of the change feed.</summary>
public sealed record WorkerListResponse(IReadOnlyList<WorkerResponse> Items, int Total, long Sequence);
