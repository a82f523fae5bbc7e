namespace Scheduler.Engine.Runs;

/// <summary>Why a pending or queued run has not started.</summary>
public enum WaitReasonKind : byte
{
    /// <summary>Runs it depends on have not succeeded yet (<see cref="WaitReason.WaitingFor"/>).</summary>
    Dependencies = 0,

    /// <summary>A failed attempt's retry backoff runs until <see cref="WaitReason.Until"/>.</summary>
    RetryBackoff = 1,

    /// <summary>Its agent already runs as many runs as its concurrency limit allows.</summary>
    AgentConcurrency = 2,

    /// <summary>Every run slot of the engine is taken.</summary>
    GlobalConcurrency = 3,

    /// <summary>No worker has enough free capacity now; <see cref="WaitReason.ClosestWorker"/> is short of <see cref="WaitReason.Shortfall"/>.</summary>
    NoCapacity = 4,

    /// <summary>The only workers it fits on are draining or offline.</summary>
    WorkersDraining = 5,

    /// <summary>No worker can ever hold it (labels or size).</summary>
    NoMatchingWorker = 6,

    /// <summary>It fits, but higher-priority runs ahead of it are placed first.</summary>
    HigherPriorityAhead = 7,

    /// <summary>Nothing holds it back; it is being placed.</summary>
    Dispatching = 8,

    /// <summary>Lower-priority runs were preempted to make room and are stopping (<see cref="WaitReason.WaitingFor"/>).</summary>
    PreemptionInProgress = 9,
}

/// <summary>A structured, current explanation of why a run is waiting, with a sentence for operators.</summary>
public sealed record WaitReason
{
    /// <summary>The main reason.</summary>
    public required WaitReasonKind Kind { get; init; }

    /// <summary>The reason as a sentence, e.g. "worker-small (the closest fit) is 1.5 cores short; 3 runs are ahead of it".</summary>
    public required string Message { get; init; }

    /// <summary>Dependencies still unfinished.</summary>
    public IReadOnlyList<long> WaitingFor { get; init; } = [];

    /// <summary>The resource the closest worker is most short of.</summary>
    public ResourceDimension? Dimension { get; init; }

    /// <summary>How much of <see cref="Dimension"/> is missing on the closest worker.</summary>
    public double? Shortfall { get; init; }

    /// <summary>The worker closest to fitting the run.</summary>
    public string? ClosestWorker { get; init; }

    /// <summary>Queued runs ahead of it in dispatch order.</summary>
    public int Ahead { get; init; }

    /// <summary>When a backoff ends.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The concurrency limit that is reached.</summary>
    public int? Limit { get; init; }
}
