using Scheduler.Engine.Agents;

namespace Scheduler.Dashboard.Api;

/// <summary>An agent to create, or the new definition of one (PUT). Omitted fields take the engine's defaults.</summary>
public sealed record AgentRequest
{
    /// <summary>Unique (case-insensitive) name: letters, digits, '-', '_' and '.'.</summary>
    public string? Name { get; init; }

    /// <summary>What the agent does, for operators.</summary>
    public string? Description { get; init; }

    /// <summary>subprocess (default) or builtin.</summary>
    public ExecutionEnvironment ExecutionEnvironment { get; init; } = ExecutionEnvironment.Subprocess;

    /// <summary>The program, or a builtin agent's name.</summary>
    public string? Command { get; init; }

    /// <summary>Arguments, passed as a list (never through a shell).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Where the program starts; the engine's data folder when omitted.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>What a run needs by default; 1 core and 256 MB when omitted.</summary>
    public ResourcesDto? Resources { get; init; }

    /// <summary>A run is stopped and recorded timed out after this long; 600 when omitted.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>How failures are retried; no retry when omitted.</summary>
    public RetryDto? Retry { get; init; }

    /// <summary>At most this many runs of the agent execute at once; no limit when omitted.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>On PUT, the version that was edited: the update is refused with 409 when the agent changed since.</summary>
    public long? Version { get; init; }
}

/// <summary>A registered agent.</summary>
/// <param name="Id">The agent's id.</param>
/// <param name="Name">Unique (case-insensitive) name.</param>
/// <param name="Description">What the agent does.</param>
/// <param name="ExecutionEnvironment">subprocess or builtin.</param>
/// <param name="Command">The program, or a builtin agent's name.</param>
/// <param name="Args">Arguments, passed as a list.</param>
/// <param name="WorkingDirectory">Where the program starts; the engine's data folder when null.</param>
/// <param name="Environment">Extra environment variables.</param>
/// <param name="Resources">What a run needs unless its schedule or request says otherwise.</param>
/// <param name="TimeoutSeconds">A run is stopped and recorded timed_out after this long.</param>
/// <param name="Retry">How failures are retried.</param>
/// <param name="MaxConcurrency">At most this many runs of the agent execute at once; null for no limit.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">Grows with every change; send it back on PUT to detect concurrent edits.</param>
public sealed record AgentResponse(
    int Id,
    string Name,
    string? Description,
    ExecutionEnvironment ExecutionEnvironment,
    string Command,
    IReadOnlyList<string> Args,
    string? WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    ResourcesDto Resources,
    int TimeoutSeconds,
    RetryDto Retry,
    int? MaxConcurrency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);
