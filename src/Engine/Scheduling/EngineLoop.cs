using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Hosting;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// The single writer of scheduling state. Commands arrive as work items on a channel; the loop takes all that
/// are waiting (up to <see cref="EngineOptions.MaxBatchSize"/>), applies them in order against its in-memory
/// index and the database in one transaction, dispatches what became runnable, commits, and only then announces
/// the changes, answers the callers and starts or stops agents. A failed batch is rolled back and the index is
/// rebuilt from the database, which is always the source of truth.
/// </summary>
internal sealed partial class EngineLoop : IWorkerGateway
{
    internal const string FeedSequenceKey = "feed.sequence";

    private readonly Channel<IEngineWork> _work = Channel.CreateUnbounded<IEngineWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EngineStore _store;
    private readonly ChangeFeed _feed;
    private readonly WorkerPool _workers;
    private readonly IRunLauncher _launcher;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly WorkerOptions _workerOptions;
    private readonly ILogger<EngineLoop> _logger;

    private readonly Dictionary<long, RunRecord> _runs = [];
    private readonly RunQueue _queue = new();
    private readonly Dictionary<int, AgentInfo> _agents = [];
    private readonly Dictionary<int, string> _agentNames = [];
    private readonly Dictionary<int, ScheduleInfo> _schedules = [];
    private readonly Dictionary<long, List<long>> _dependents = [];
    private readonly Dictionary<int, int> _activeByAgent = [];

    private readonly List<Func<long, SchedulerChange>> _pendingChanges = [];
    private readonly List<Action> _afterCommit = [];
    private readonly HashSet<WorkerState> _dirtyWorkers = [];

    private ITimer? _timer;
    private Task? _loopTask;
    private long _nextRunId;
    private int _active;
    private bool _shuttingDown;
    private DateTimeOffset _now;
    private DateTimeOffset? _nextWake;

    public EngineLoop(
        EngineStore store,
        ChangeFeed feed,
        WorkerPool workers,
        IRunLauncher launcher,
        TimeProvider time,
        IOptions<EngineOptions> options,
        IOptions<WorkerOptions> workerOptions,
        ILogger<EngineLoop> logger)
    {
        _store = store;
        _feed = feed;
        _workers = workers;
        _launcher = launcher;
        _time = time;
        _options = options.Value;
        _workerOptions = workerOptions.Value;
        _logger = logger;
        _launcher.Attach(this);
        foreach (var worker in _workers.All.Where(w => w.Embedded))
        {
            worker.Connection = _launcher;
        }
    }

    /// <summary>Runs <paramref name="action"/> on the loop; the task completes after its batch committed.</summary>
    public Task<T> InvokeAsync<T>(Func<T> action)
    {
        var work = new EngineWork<T>(action);
        if (!_work.Writer.TryWrite(work))
        {
            return Task.FromException<T>(new EngineStoppedException());
        }

        return work.Task;
    }

    /// <summary>Loads state, recovers runs a crash left assigned or running, and starts processing work.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _now = _time.GetUtcNow();
        LoadState();
        _timer = _time.CreateTimer(_ => Post(Tick), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _loopTask = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        await InvokeAsync(RecoverInterruptedRuns).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops dispatching, asks every execution to stop (their runs go back to the front of their lanes), waits for
    /// them up to <paramref name="timeout"/>, then stops the loop.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_loopTask is null)
        {
            return;
        }

        try
        {
            await InvokeAsync(BeginShutdown);
            using var wait = new CancellationTokenSource(timeout);
            await _launcher.WhenIdleAsync(wait.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or EngineStoppedException)
        {
            LogShutdownIncomplete(_logger, _launcher.ActiveCount);
        }

        _work.Writer.TryComplete();
        await _loopTask;
        _timer?.Dispose();
        _feed.CompleteAll();
    }

    private void Post(Action action) => _ = InvokeAsync(() =>
    {
        action();
        return true;
    });

    private async Task RunAsync()
    {
        var batch = new List<IEngineWork>(_options.MaxBatchSize);
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            ProcessBatch(batch);
        }
    }

    private void ProcessBatch(List<IEngineWork> batch)
    {
        _now = _time.GetUtcNow();
        try
        {
            _store.Begin();
            foreach (var work in batch)
            {
                work.Execute();
            }

            EvaluateResourceConditions();
            Dispatch();
            AnnounceDirtyWorkers();
            _store.SetSetting(FeedSequenceKey, SettingValues.Of(_feed.LastSequence + _pendingChanges.Count));
            _store.Commit();
        }
        catch (Exception error)
        {
            _store.Rollback();
            LogBatchFailed(_logger, error, batch.Count);
            _pendingChanges.Clear();
            _afterCommit.Clear();
            _dirtyWorkers.Clear();
            foreach (var work in batch)
            {
                work.Fail(new EngineBatchFailedException(error));
            }

            LoadState();
            return;
        }

        _feed.Publish(_pendingChanges);
        _pendingChanges.Clear();
        foreach (var work in batch)
        {
            work.Complete();
        }

        foreach (var effect in _afterCommit)
        {
            effect();
        }

        _afterCommit.Clear();
        ScheduleWake();
    }

    /// <summary>Records a run change (already applied to <paramref name="run"/>) for the store and the feed.</summary>
    private void SaveRun(RunRecord run, RunTimelineEntry? transition)
    {
        var expected = run.Version;
        run.Version++;
        _store.UpdateRun(run, expected);
        if (transition is not null)
        {
            _store.InsertTransition(run.Id, transition);
        }

        Announce(run, transition);
    }

    /// <summary>Moves a run to another state through the transition table, persisting the change and its timeline entry.</summary>
    private void ChangeState(RunRecord run, RunState to, TransitionKind kind, Actor actor, string? reason, Action<RunRecord>? alsoChange = null)
    {
        var from = run.State;
        RunStateMachine.Ensure(run.Id, from, to, kind);
        run.State = to;
        alsoChange?.Invoke(run);
        SaveRun(run, new RunTimelineEntry(_now, from, to, kind, run.Attempt, run.OwnerWorker, actor, reason));
    }

    private void Announce(RunRecord run, RunTimelineEntry? transition)
    {
        var snapshot = run.ToSnapshot();
        var at = _now;
        _pendingChanges.Add(sequence => new SchedulerChange { Sequence = sequence, At = at, Kind = ChangeKind.Run, Run = snapshot, Transition = transition });
    }

    private void Announce(Func<long, SchedulerChange> change) => _pendingChanges.Add(change);

    private void AnnounceDirtyWorkers()
    {
        foreach (var worker in _dirtyWorkers)
        {
            var snapshot = SnapshotOf(worker);
            var at = _now;
            _pendingChanges.Add(sequence => new SchedulerChange { Sequence = sequence, At = at, Kind = ChangeKind.Worker, Worker = snapshot });
        }

        _dirtyWorkers.Clear();
    }

    private void AfterCommit(Action effect) => _afterCommit.Add(effect);

    private void ScheduleWake()
    {
        var next = NextWakeTime();
        if (next == _nextWake)
        {
            return;
        }

        _nextWake = next;
        var due = next is null ? Timeout.InfiniteTimeSpan : next.Value - _time.GetUtcNow();
        _timer?.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private void Tick()
    {
        _nextWake = null;
        ExpireLeases();
        ExpireDependencyWaits();
        AgeQueuedRuns();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Engine batch of {Count} commands failed and was rolled back; state reloaded from the database")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine stopped with {Count} executions still stopping; they will be recovered as lost on the next start")]
    private static partial void LogShutdownIncomplete(ILogger logger, int count);
}

/// <summary>The engine is not running (not started yet, or stopped).</summary>
public sealed class EngineStoppedException() : InvalidOperationException("The scheduling engine is not running.");

/// <summary>The batch this command was part of could not be committed; nothing of it took effect.</summary>
public sealed class EngineBatchFailedException(Exception inner)
    : InvalidOperationException("The scheduling engine could not commit this change; nothing was changed. Try again.", inner);
