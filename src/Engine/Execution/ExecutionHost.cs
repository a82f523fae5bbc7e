using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Hosting;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Execution;

/// <summary>
/// The embedded workers' execution side: runs lifecycle hooks, starts agents through their executor, enforces
/// timeouts, stops agents on request (terminate, then kill after the grace period) and reports every start and
/// exit back to the engine, retrying until the report is persisted.
/// </summary>
internal sealed partial class ExecutionHost(
    IEnumerable<IRunExecutor> executors,
    IEnumerable<IRunLifecycleHook> hooks,
    RunLogStore logs,
    EnginePaths paths,
    TimeProvider time,
    IOptions<EngineOptions> options,
    IOptions<WorkerOptions> workers,
    ILogger<ExecutionHost> logger) : IRunLauncher
{
    private readonly Dictionary<Agents.ExecutionEnvironment, IRunExecutor> _executors = executors.ToDictionary(e => e.Environment);
    private readonly IRunLifecycleHook[] _hooks = [.. hooks];
    // Keyed by run and epoch: a run requeued and reassigned in one batch gets its new order while the old
    // execution is still delivering its exit report.
    private readonly ConcurrentDictionary<(long RunId, long Epoch), ActiveExecution> _active = new();
    private readonly Lock _idleGate = new();
    private TaskCompletionSource _idle = CompletedSource();
    private IWorkerGateway? _gateway;

    public int ActiveCount => _active.Count;

    private TimeSpan Grace => TimeSpan.FromSeconds(options.Value.StopGracePeriodSeconds);

    public void Attach(IWorkerGateway gateway) => _gateway = gateway;

    public void StartRun(StartOrder order)
    {
        var execution = new ActiveExecution(order);
        lock (_idleGate)
        {
            if (_active.IsEmpty)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (!_active.TryAdd((order.RunId, order.Epoch), execution))
            {
                LogDuplicateLaunch(logger, order.RunId);
                return;
            }
        }

        _ = Task.Run(() => ExecuteAsync(execution));
    }

    public void StopRun(long runId, long epoch)
    {
        if (_active.TryGetValue((runId, epoch), out var execution))
        {
            execution.RequestStop();
        }
    }

    public async Task RunHeartbeatsAsync(CancellationToken cancellationToken)
    {
        var ids = workers.Value.Embedded.Select(w => w.Name).ToList();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(workers.Value.HeartbeatSeconds), time);
        do
        {
            foreach (var id in ids)
            {
                try
                {
                    var running = _active.Values.Where(e => e.Order.Worker == id).Select(e => new RunLease(e.Order.RunId, e.Order.Epoch)).ToList();
                    var answer = await _gateway!.HeartbeatAsync(id, running);
                    foreach (var stale in answer.Stop)
                    {
                        LogStaleRun(logger, stale.RunId, id);
                        StopRun(stale.RunId, stale.Epoch);
                    }
                }
                catch (Scheduling.EngineBatchFailedException error)
                {
                    LogHeartbeatFailed(logger, error, id);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_idleGate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task ExecuteAsync(ActiveExecution execution)
    {
        var order = execution.Order;
        var context = new RunExecutionContext(order.RunId, order.Attempt, order.Epoch, order.Worker, order.AgentName, order.Spec, order.Resources);
        var exit = new ExecutionExit(ExitKind.StartFailed, null, "the execution did not complete");
        var log = logs.Open(order.RunId);
        try
        {
            log.Write(LogSource.System, $"attempt {order.Attempt} assigned to {order.Worker}");
            exit = await RunAsync(execution, context, log);
        }
        catch (Exception error)
        {
            LogExecutionError(logger, error, order.RunId);
            exit = new ExecutionExit(ExitKind.StartFailed, null, $"the executor failed: {error.Message}");
        }
        finally
        {
            log.Write(LogSource.System, Describe(exit));
            log.Close(keepSystemLines: exit is not { Kind: ExitKind.Completed, ExitCode: 0 });
        }

        await CallHooksAsync("post-shutdown", context, (hook, token) => hook.PostShutdownAsync(context, exit, token));

        await DeliverAsync(() => _gateway!.ReportExitedAsync(order.Worker, order.RunId, order.Epoch, exit), order.RunId);
        await execution.StartReport;
        lock (_idleGate)
        {
            _active.TryRemove((order.RunId, order.Epoch), out _);
            if (_active.IsEmpty)
            {
                _idle.TrySetResult();
            }
        }

        execution.Dispose();
    }

    private async Task<ExecutionExit> RunAsync(ActiveExecution execution, RunExecutionContext context, RunLogWriter log)
    {
        var order = execution.Order;
        foreach (var hook in _hooks)
        {
            try
            {
                await hook.PreStartAsync(context, execution.StopToken);
            }
            catch (OperationCanceledException) when (execution.StopToken.IsCancellationRequested)
            {
                return new ExecutionExit(ExitKind.Stopped, null, "stopped before it started");
            }
            catch (Exception error)
            {
                return new ExecutionExit(ExitKind.StartFailed, null, $"pre-start hook {hook.GetType().Name} refused the start: {error.Message}");
            }
        }

        if (execution.StopToken.IsCancellationRequested)
        {
            return new ExecutionExit(ExitKind.Stopped, null, "stopped before it started");
        }

        if (!_executors.TryGetValue(order.Spec.ExecutionEnvironment, out var executor))
        {
            return new ExecutionExit(ExitKind.StartFailed, null, $"worker {order.Worker} has no {order.Spec.ExecutionEnvironment.ToString().ToLowerInvariant()} executor");
        }

        IAgentProcess process;
        try
        {
            process = await executor.StartAsync(Request(order), log, execution.StopToken);
        }
        catch (AgentStartException error)
        {
            return new ExecutionExit(ExitKind.StartFailed, null, error.Message);
        }

        await using (process)
        {
            // The start report is not awaited: it and the exit report travel in order on the engine's channel, so a
            // short run's start and end share one commit. A stale answer stops the agent as soon as it arrives.
            execution.StartReport = ReportStartAsync(execution, process);
            await CallHooksAsync("post-start", context, (hook, token) => hook.PostStartAsync(context, token));
            using var cleanup = new CancellationTokenSource();
            var timeout = Task.Delay(TimeSpan.FromSeconds(order.Spec.TimeoutSeconds), time, cleanup.Token);
            var stopped = Task.Delay(Timeout.InfiniteTimeSpan, time, execution.StopToken);
            var first = await Task.WhenAny(process.Exited, timeout, stopped);
            await cleanup.CancelAsync();
            if (first == process.Exited && !execution.Stale)
            {
                var exitCode = await process.Exited;
                return new ExecutionExit(ExitKind.Completed, exitCode, exitCode == 0 ? null : log.LastError);
            }

            var timedOut = first == timeout;
            log.Write(LogSource.System, timedOut
                ? $"timed out after {order.Spec.TimeoutSeconds} s; stopping (SIGTERM, then SIGKILL after {Grace.TotalSeconds} s)"
                : $"stop requested; stopping (SIGTERM, then SIGKILL after {Grace.TotalSeconds} s)");
            await CallHooksAsync("pre-shutdown", context, (hook, token) => hook.PreShutdownAsync(context, token));
            await process.StopAsync(Grace, CancellationToken.None);
            var code = await process.Exited;
            return timedOut
                ? new ExecutionExit(ExitKind.TimedOut, code, $"timed out after {order.Spec.TimeoutSeconds} s")
                : new ExecutionExit(ExitKind.Stopped, code, execution.Stale ? "the assignment is no longer current" : null);
        }
    }

    private async Task<bool> ReportStartAsync(ActiveExecution execution, IAgentProcess process)
    {
        var order = execution.Order;
        var current = await DeliverAsync(() => _gateway!.ReportStartedAsync(order.Worker, order.RunId, order.Epoch, process.ProcessId, process.ProcessStartTicks), order.RunId);
        if (!current)
        {
            execution.MarkStale();
        }

        return current;
    }

    private ExecutionRequest Request(StartOrder order)
    {
        var directory = order.Spec.WorkingDirectory is { Length: > 0 } configured
            ? Path.GetFullPath(configured, paths.WorkDirectory)
            : paths.WorkDirectory;
        Directory.CreateDirectory(directory);
        var environment = new Dictionary<string, string>(order.Spec.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in order.Spec.Parameters)
        {
            environment[$"SCHEDULER_PARAM_{name}"] = value;
        }

        environment["SCHEDULER_RUN_ID"] = order.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["SCHEDULER_ATTEMPT"] = order.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["SCHEDULER_AGENT"] = order.AgentName;
        environment["SCHEDULER_WORKER"] = order.Worker;
        environment[OrphanReaper.EngineIdVariable] = paths.EngineId;
        return new ExecutionRequest(order.RunId, order.Attempt, order.AgentName, order.Spec, directory, environment);
    }

    private async Task CallHooksAsync(string stage, RunExecutionContext context, Func<IRunLifecycleHook, CancellationToken, ValueTask> call)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                await call(hook, CancellationToken.None);
            }
            catch (Exception error)
            {
                LogHookFailed(logger, error, stage, hook.GetType().Name, context.RunId);
            }
        }
    }

    /// <summary>Reports until the engine has persisted them: a failed batch is retried, a stopped engine ends it.</summary>
    private async Task<bool> DeliverAsync(Func<Task<bool>> report, long runId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await report();
            }
            catch (Scheduling.EngineStoppedException)
            {
                return false;
            }
            catch (Scheduling.EngineBatchFailedException error)
            {
                LogReportRetry(logger, error, runId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 50 * attempt)), time);
            }
        }
    }

    private static string Describe(ExecutionExit exit) => exit.Kind switch
    {
        ExitKind.Completed => $"exited with code {exit.ExitCode}",
        ExitKind.TimedOut => $"timed out; exit code {exit.ExitCode}",
        ExitKind.Stopped => $"stopped{(exit.ExitCode is null ? string.Empty : $"; exit code {exit.ExitCode}")}{(exit.Error is null ? string.Empty : $" ({exit.Error})")}",
        _ => $"could not start: {exit.Error}",
    };

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Execution of run {RunId} failed unexpectedly")]
    private static partial void LogExecutionError(ILogger logger, Exception error, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stage} hook {Hook} failed for run {RunId}")]
    private static partial void LogHookFailed(ILogger logger, Exception error, string stage, string hook, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report for run {RunId} was not persisted (attempt {Attempt}); retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception error, long runId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} on {Worker} is no longer assigned to it; stopping it")]
    private static partial void LogStaleRun(ILogger logger, long runId, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of embedded worker {Worker} was not recorded")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception error, string worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} was launched twice for the same epoch; the second launch was ignored")]
    private static partial void LogDuplicateLaunch(ILogger logger, long runId);

    private sealed class ActiveExecution(StartOrder order) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public StartOrder Order { get; } = order;

        public CancellationToken StopToken => _stop.Token;

        /// <summary>The start report on its way; completes true when the engine recorded the start.</summary>
        public Task<bool> StartReport { get; set; } = Task.FromResult(true);

        /// <summary>The engine answered that this assignment is no longer current.</summary>
        public bool Stale { get; private set; }

        /// <summary>The engine no longer assigns the run here: stop it.</summary>
        public void MarkStale()
        {
            Stale = true;
            RequestStop();
        }

        public void RequestStop()
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The execution finished while the stop was on its way; there is nothing left to stop.
            }
        }

        public void Dispose() => _stop.Dispose();
    }
}
