using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Execution;

/// <summary>Which stream a log line came from.</summary>
public enum LogSource : byte
{
    /// <summary>The agent's standard output.</summary>
    Stdout = 0,

    /// <summary>The agent's standard error.</summary>
    Stderr = 1,

    /// <summary>A line the engine wrote about the run (start, stop, exit).</summary>
    System = 2,
}

/// <summary>Where an execution writes its output. Bounded: old output is dropped, the newest is always kept.</summary>
public interface IRunLog
{
    /// <summary>Appends one line.</summary>
    void Write(LogSource stream, string line);
}

/// <summary>Everything an executor needs to start one attempt of a run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">Which attempt.</param>
/// <param name="AgentName">The agent's name.</param>
/// <param name="Spec">What to execute.</param>
/// <param name="WorkingDirectory">Resolved, existing working directory.</param>
/// <param name="Environment">Variables to add: the agent's, the run's parameters and the engine's markers.</param>
public sealed record ExecutionRequest(long RunId, int Attempt, string AgentName, RunSpec Spec, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// Runs agents of one execution environment. Today: <see cref="ExecutionEnvironment.Subprocess"/> and
/// <see cref="ExecutionEnvironment.Builtin"/>; docker and sandbox executors plug in by implementing this.
/// </summary>
public interface IRunExecutor
{
    /// <summary>The environment this executor serves.</summary>
    ExecutionEnvironment Environment { get; }

    /// <summary>Starts the agent. Throws <see cref="AgentStartException"/> when it cannot be started.</summary>
    Task<IAgentProcess> StartAsync(ExecutionRequest request, IRunLog log, CancellationToken cancellationToken);
}

/// <summary>A started agent.</summary>
public interface IAgentProcess : IAsyncDisposable
{
    /// <summary>The OS process id, for subprocesses.</summary>
    int? ProcessId { get; }

    /// <summary>The process's start time in clock ticks since boot, which with the id identifies it uniquely.</summary>
    long? ProcessStartTicks { get; }

    /// <summary>Completes with the exit code once the agent and everything it started have exited.</summary>
    Task<int> Exited { get; }

    /// <summary>Stops the agent and everything it started: terminate, then kill after <paramref name="gracePeriod"/>.</summary>
    Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken);
}

/// <summary>The agent could not be started (program missing, not executable, bad working directory…).</summary>
public sealed class AgentStartException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a lifecycle hook is told about the run it is called for.</summary>
public sealed record RunExecutionContext(long RunId, int Attempt, long Epoch, string Worker, string AgentName, RunSpec Spec, ResourceVector Resources);

/// <summary>
/// Lifecycle hooks (seed 004), registered as DI services and called around every execution. A pre-start hook
/// that throws fails the start cleanly: the agent is not started and the run's reservation is released. Errors
/// of the other hooks are logged and do not change the run's outcome.
/// </summary>
public interface IRunLifecycleHook
{
    /// <summary>Before the agent starts. Throw to refuse the start.</summary>
    ValueTask PreStartAsync(RunExecutionContext run, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Just after the agent started.</summary>
    ValueTask PostStartAsync(RunExecutionContext run, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Before the engine stops a running agent (cancel, preemption, release, timeout, shutdown).</summary>
    ValueTask PreShutdownAsync(RunExecutionContext run, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>After the agent exited, however it ended.</summary>
    ValueTask PostShutdownAsync(RunExecutionContext run, ExecutionExit outcome, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
