using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Api;

/// <summary>A worker: its capacity, what is reserved on it, what is free, and the runs it owns.</summary>
/// <param name="Id">The worker's id (its configured name).</param>
/// <param name="Name">Its name, shown to operators (the same as <paramref name="Id"/>).</param>
/// <param name="Capacity">Everything it has.</param>
/// <param name="Reserved">What its assigned and running runs hold.</param>
/// <param name="Free">What is left for new runs.</param>
/// <param name="Labels">Labels that run constraints match.</param>
/// <param name="State">online, draining (finishes what it has, takes nothing new) or offline (its runs were lost and requeued).</param>
/// <param name="Embedded">Whether it runs inside the host.</param>
/// <param name="Interactive">Whether it takes runs at all; a non-interactive worker never picks.</param>
/// <param name="Agents">The agents it volunteers for, by name; empty for every agent.</param>
/// <param name="OwnedRuns">The runs it owns.</param>
/// <param name="LastHeartbeat">When it last renewed its lease.</param>
/// <param name="HeartbeatAgeSeconds">Seconds since <paramref name="LastHeartbeat"/>, when the list was read.</param>
public sealed record WorkerResponse(
    string Id,
    string Name,
    ResourcesDto Capacity,
    ResourcesDto Reserved,
    ResourcesDto Free,
    IReadOnlyDictionary<string, string> Labels,
    WorkerStatus State,
    bool Embedded,
    bool Interactive,
    IReadOnlyList<string> Agents,
    IReadOnlyList<long> OwnedRuns,
    DateTimeOffset LastHeartbeat,
    double HeartbeatAgeSeconds);

/// <summary>The workers as of one change of the change feed.</summary>
/// <param name="Items">The workers, in configuration order.</param>
/// <param name="Total">How many there are.</param>
/// <param name="Sequence">The change-feed sequence number the list is current as of.</param>
public sealed record WorkerListResponse(IReadOnlyList<WorkerResponse> Items, int Total, long Sequence);
