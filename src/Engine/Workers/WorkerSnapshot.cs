using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Workers;

/// <summary>Whether a worker takes new runs.</summary>
public enum WorkerStatus : byte
{
    /// <summary>Takes new runs.</summary>
    Online = 0,

    /// <summary>Finishes what it has but takes nothing new.</summary>
    Draining = 1,

    /// <summary>Gone; its runs were lost and requeued.</summary>
    Offline = 2,
}

/// <summary>A worker as operators see it: capacity, what is reserved on it and what it owns.</summary>
public sealed record WorkerSnapshot(
    string Id,
    ResourceVector Capacity,
    ResourceVector Reserved,
    IReadOnlyDictionary<string, string> Labels,
    WorkerStatus Status,
    bool Embedded,
    IReadOnlyList<long> OwnedRuns,
    DateTimeOffset LastHeartbeat)
{
    /// <summary>What is left for new runs.</summary>
    public ResourceVector Free => Capacity - Reserved;

    /// <summary>A non-interactive worker never picks runs.</summary>
    public bool Interactive { get; init; } = true;

    /// <summary>The agents it volunteers for; empty for every agent.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>The part of <see cref="Reserved"/> held by runs that are running (the rest is assigned, starting).</summary>
    public ResourceVector Running { get; init; }
}
