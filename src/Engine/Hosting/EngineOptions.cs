using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Hosting;

/// <summary>How the engine schedules. Bound from <c>Scheduler:Engine</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Scheduler:Engine";

    /// <summary>At most this many runs are assigned or running at once, across all workers (seed 004 maxConcurrent).</summary>
    public int MaxConcurrentRuns { get; set; } = 16;

    /// <summary>A queued run that has waited this long in its lane is raised by <see cref="AgingBoost"/> levels; 0 turns aging off.</summary>
    public int AgingIntervalSeconds { get; set; } = 120;

    /// <summary>How many priority levels one aging step raises a run (seed 001 priority_boost).</summary>
    public int AgingBoost { get; set; } = 1;

    /// <summary>Aging never raises a run above this priority.</summary>
    public Priority AgingCeiling { get; set; } = Priority.High;

    /// <summary>A dependency chain may be at most this deep (seed 001 max_dependency_depth).</summary>
    public int MaxDependencyDepth { get; set; } = 10;

    /// <summary>A run waiting on dependencies for longer than this fails (seed 001 dependency_timeout); 0 waits for ever.</summary>
    public int DependencyTimeoutSeconds { get; set; } = 3600;

    /// <summary>Queued runs of this priority or higher may preempt strictly lower-priority running runs to fit.</summary>
    public Priority PreemptFrom { get; set; } = Priority.High;

    /// <summary>Whether the dispatcher preempts at all (operators can always preempt by hand).</summary>
    public bool PreemptionEnabled { get; set; } = true;

    /// <summary>How long a stopped agent gets between SIGTERM and SIGKILL.</summary>
    public double StopGracePeriodSeconds { get; set; } = 10;

    /// <summary>The most commands one group commit takes.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>How many recent changes the feed keeps for subscribers that resume.</summary>
    public int ChangeFeedCapacity { get; set; } = 100_000;

    /// <summary>Each run keeps at most two log segments of this size (the newest output is always kept).</summary>
    public int LogSegmentKilobytes { get; set; } = 512;

    /// <summary>Where run logs are written; a <c>logs</c> folder beside the database when empty.</summary>
    public string? LogDirectory { get; set; }
}
