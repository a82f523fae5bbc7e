namespace Scheduler.Dashboard.Api;

/// <summary>Runs submitted together, created all or none; they may depend on each other by key.</summary>
public sealed record BatchRunsRequest
{
    /// <summary>1 to 1000 runs. Errors name the run by index, e.g. <c>runs[2].dependsOnKeys</c>.</summary>
    public IReadOnlyList<BatchRunItem> Runs { get; init; } = [];
}

/// <summary>One run of a batch: a <see cref="CreateRunRequest"/> with a key, and dependencies on other runs of the batch by key.</summary>
public sealed record BatchRunItem : CreateRunRequest
{
    /// <summary>A name for the run, unique within the batch (1 to 100 characters).</summary>
    public string? Key { get; init; }

    /// <summary>Keys of other runs of the batch that must finish first; the runs must not depend on each other in a cycle.</summary>
    public IReadOnlyList<string> DependsOnKeys { get; init; } = [];
}
