using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Execution;

/// <summary>What the engine hands a worker after a run's assignment was committed.</summary>
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

/// <summary>The end of one execution, as its worker reports it.</summary>
public sealed record ExecutionExit(ExitKind Kind, int? ExitCode, string? Error);

/// <summary>One run a worker holds, with the owner epoch of its assignment (the fencing token).</summary>
public sealed record RunLease(long RunId, long Epoch);

/// <summary>The engine's answer to a heartbeat.</summary>
/// <param name="Known">False when the engine does not know the worker: it must register again.</param>
/// <param name="Stop">Runs the worker still holds that are no longer its own (their epoch is stale): stop them.</param>
public sealed record HeartbeatAnswer(bool Known, IReadOnlyList<RunLease> Stop);

/// <summary>A worker introducing itself (embedded at start-up, or remote when it connects).</summary>
/// <param name="Id">Unique worker id.</param>
/// <param name="Capacity">What it offers.</param>
/// <param name="Labels">What run constraints match against.</param>
/// <param name="Interactive">A non-interactive worker never picks runs (seed 003).</param>
/// <param name="Agents">The agents it volunteers for; empty for every agent.</param>
public sealed record WorkerRegistration(string Id, ResourceVector Capacity, IReadOnlyDictionary<string, string> Labels, bool Interactive, IReadOnlyList<string> Agents);

/// <summary>The engine's side of a worker: orders go out through it. Embedded and remote workers implement it.</summary>
public interface IWorkerConnection
{
    /// <summary>Start executing a committed assignment.</summary>
    void StartRun(StartOrder order);

    /// <summary>Stop the run if this worker still holds that assignment: terminate, then kill after the grace period.</summary>
    void StopRun(long runId, long epoch);
}

/// <summary>
/// The worker's side of the protocol (seed 003): register, heartbeat, report. Every report carries the owner
/// epoch it is about; a stale one is refused, so a worker presumed lost can never overwrite the new owner's result.
/// </summary>
public interface IWorkerGateway
{
    /// <summary>Registers (or re-registers) a worker; it is online until it misses its lease.</summary>
    Task<EngineResult<WorkerSnapshot>> RegisterAsync(WorkerRegistration registration, IWorkerConnection connection);

    /// <summary>Renews the worker's lease; the answer lists runs it must stop.</summary>
    Task<HeartbeatAnswer> HeartbeatAsync(string workerId, IReadOnlyList<RunLease> running);

    /// <summary>The agent started. False when the assignment is stale: stop the agent.</summary>
    Task<bool> ReportStartedAsync(string workerId, long runId, long epoch, int? processId, long? processStartTicks);

    /// <summary>The execution ended. False when the assignment was stale and the report was ignored.</summary>
    Task<bool> ReportExitedAsync(string workerId, long runId, long epoch, ExecutionExit outcome);

    /// <summary>The worker is leaving: its runs are recorded lost and requeued now.</summary>
    Task DisconnectAsync(string workerId, string reason);
}

/// <summary>The embedded workers' runtime: executes orders for every worker configured in the host.</summary>
internal interface IRunLauncher : IWorkerConnection
{
    /// <summary>Connects the runtime to the engine it reports to and starts its heartbeats.</summary>
    void Attach(IWorkerGateway gateway);

    /// <summary>How many executions are still in progress.</summary>
    int ActiveCount { get; }

    /// <summary>Completes when no execution is in progress.</summary>
    Task WhenIdleAsync(CancellationToken cancellationToken);

    /// <summary>Heartbeats for every embedded worker until cancelled, stopping runs the engine no longer assigns to them.</summary>
    Task RunHeartbeatsAsync(CancellationToken cancellationToken);
}
