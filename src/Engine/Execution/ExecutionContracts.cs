using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Execution;

/// <summary>What the engine hands an executor after a run's assignment was committed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Epoch">The owner epoch of this assignment; every report about it carries it back.</param>
/// <param name="Attempt">Which attempt this is.</param>
/// <param name="Worker">The owner worker.</param>
/// <param name="AgentName">The agent's name, for logs.</param>
/// <param name="Spec">What to execute.</param>
/// <param name="Resources">What is reserved for it.</param>
public sealed record StartOrder(long RunId, long Epoch, int Attempt, string Worker, string AgentName, RunSpec Spec, ResourceVector Resources);

/// <summary>How an execution ended.</summary>
public enum ExitKind : byte
{
    /// <summary>The agent exited by itself; see the exit code.</summary>
    Completed = 0,

    /// <summary>Stopped because it ran past its timeout.</summary>
    TimedOut = 1,

    /// <summary>Stopped because the engine asked (cancel, preempt, release, shutdown).</summary>
    Stopped = 2,

    /// <summary>Never started: a pre-start hook failed, or the program could not be launched.</summary>
    StartFailed = 3,
}

/// <summary>The end of one execution, as its executor reports it.</summary>
public sealed record ExecutionExit(ExitKind Kind, int? ExitCode, string? Error);

/// <summary>Where executions report back to the engine. Each report is persisted before its task completes.</summary>
internal interface IExecutionReports
{
    /// <summary>The agent started. False when the assignment is stale (the run moved on): stop the agent.</summary>
    Task<bool> ReportStartedAsync(long runId, long epoch, int? processId, long? processStartTicks);

    /// <summary>The execution ended. False when the assignment was stale and the report was ignored.</summary>
    Task<bool> ReportExitedAsync(long runId, long epoch, ExecutionExit exit);
}

/// <summary>Starts and stops executions on the engine's behalf (the embedded workers' side).</summary>
internal interface IRunLauncher
{
    /// <summary>Connects the launcher to the engine it reports to.</summary>
    void Attach(IExecutionReports reports);

    /// <summary>Starts executing a committed assignment.</summary>
    void Launch(StartOrder order);

    /// <summary>Asks an execution to stop: terminate, then kill after the grace period.</summary>
    void RequestStop(long runId, long epoch);

    /// <summary>How many executions are still in progress.</summary>
    int ActiveCount { get; }

    /// <summary>Completes when no execution is in progress.</summary>
    Task WhenIdleAsync(CancellationToken cancellationToken);
}
