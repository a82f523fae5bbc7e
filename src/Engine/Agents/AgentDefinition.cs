using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Agents;

/// <summary>How an agent's program is executed. New environments (docker, sandbox) plug in as executors.</summary>
public enum ExecutionEnvironment : byte
{
    /// <summary>A real OS process started with an argument list (never a shell string).</summary>
    Subprocess = 0,

    /// <summary>An in-process agent shipped with the engine, for demos and tests (see <see cref="BuiltinAgents"/>).</summary>
    Builtin = 1,
}

/// <summary>How a failed run is retried.</summary>
/// <param name="Attempts">Total executions allowed, including the first; 1 means no retry.</param>
/// <param name="BackoffSeconds">Wait before the first retry; doubles for each further retry.</param>
public sealed record RetryPolicy(int Attempts, double BackoffSeconds)
{
    /// <summary>No retry.</summary>
    public static RetryPolicy None { get; } = new(1, 5);

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based): backoff × 2^(retry-1), at most an hour.</summary>
    public TimeSpan DelayBeforeRetry(int retry) =>
        TimeSpan.FromSeconds(Math.Min(3600, BackoffSeconds * Math.Pow(2, Math.Max(0, retry - 1))));
}

/// <summary>What an operator registers: a program, how to run it and what it needs by default.</summary>
public sealed record AgentDefinition
{
    /// <summary>Unique (case-insensitive) name, letters, digits, '-', '_' and '.'.</summary>
    public required string Name { get; init; }

    /// <summary>What the agent does, for operators.</summary>
    public string? Description { get; init; }

    /// <summary>How the program is executed.</summary>
    public ExecutionEnvironment ExecutionEnvironment { get; init; } = ExecutionEnvironment.Subprocess;

    /// <summary>The program (a path or a name on PATH), or a builtin agent's name.</summary>
    public required string Command { get; init; }

    /// <summary>Arguments, passed as a list: no shell ever parses them.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Where the program starts; the engine's data folder when empty.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>What a run needs unless its schedule or request says otherwise.</summary>
    public ResourceVector Resources { get; init; } = ResourceVector.Of(1, 256);

    /// <summary>A run is stopped and recorded timed out after this long.</summary>
    public int TimeoutSeconds { get; init; } = 600;

    /// <summary>How failures are retried.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    /// <summary>At most this many runs of the agent execute at once; null for no limit.</summary>
    public int? MaxConcurrency { get; init; }
}

/// <summary>A registered agent as the engine reports it.</summary>
public sealed record AgentInfo(int Id, AgentDefinition Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    /// <summary>The agent's name.</summary>
    public string Name => Definition.Name;
}
