using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>A list and how many items it holds in all.</summary>
/// <param name="Items">The items (one page of them where the endpoint pages).</param>
/// <param name="Total">How many items match across all pages.</param>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Resource amounts: cpu in cores (fractional), the rest in whole units. Omitted amounts are zero.</summary>
public sealed record ResourcesDto
{
    /// <summary>CPU cores, e.g. 0.5.</summary>
    public double Cpu { get; init; }

    /// <summary>Memory in MB.</summary>
    public double MemoryMb { get; init; }

    /// <summary>GPUs.</summary>
    public double Gpu { get; init; }

    /// <summary>Network bandwidth in Mbps.</summary>
    public double BandwidthMbps { get; init; }

    /// <summary>Scratch storage in MB.</summary>
    public double StorageMb { get; init; }
}

/// <summary>How a failed run is retried.</summary>
/// <param name="Attempts">Total executions allowed, including the first; 1 means no retry.</param>
/// <param name="BackoffSeconds">Wait before the first retry; doubles for each further retry.</param>
public sealed record RetryDto(int Attempts, double BackoffSeconds);

/// <summary>Who caused a change.</summary>
/// <param name="Kind">operator, api, schedule, engine or worker.</param>
/// <param name="Name">The user, program, schedule or worker name.</param>
public sealed record ActorDto(ActorKind Kind, string Name);
