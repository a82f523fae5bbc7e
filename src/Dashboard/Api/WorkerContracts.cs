using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Api;

/// <summary>A worker: its capacity, what is reserved on it, what is free, and the runs it owns.</summary>
/// <param name="Id">The worker's name.</param>
/// <param name="Capacity">Everything it has.</param>
/// <param name="Reserved">What its assigned and running runs hold.</param>
/// <param name="Free">What is left for new runs.</param>
/// <param name="Labels">Labels that run constraints match.</param>
/// <param name="Status">online, draining or offline.</param>
/// <param name="Embedded">Whether it runs inside the host.</param>
/// <param name="OwnedRuns">The runs it owns.</param>
/// <param name="LastHeartbeat">When it last reported in.</param>
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

/// <summary>The workers as of one change of the change feed.</summary>
/// <param name="Items">The workers, in configuration order.</param>
/// <param name="Total">How many there are.</param>
/// <param name="Sequence">The change-feed sequence number the list is current as of.</param>
public sealed record WorkerListResponse(IReadOnlyList<WorkerResponse> Items, int Total, long Sequence);
