using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// The worker registry (seed 003): registration, leases renewed by heartbeats, loss when a lease lapses, drain.
/// A worker that comes back learns from its next heartbeat which of the runs it still holds are no longer its
/// own (their epoch moved on) and stops them.
/// </summary>
internal sealed partial class EngineLoop
{
    public Task<EngineResult<WorkerSnapshot>> RegisterAsync(WorkerRegistration registration, IWorkerConnection connection) =>
        InvokeAsync(() => Register(registration, connection));

    public Task<HeartbeatAnswer> HeartbeatAsync(string workerId, IReadOnlyList<RunLease> running) =>
        InvokeAsync(() => Heartbeat(workerId, running));

    public Task DisconnectAsync(string workerId, string reason) => InvokeAsync(() => Disconnect(workerId, reason));

    public EngineResult<WorkerSnapshot> SetDraining(string workerId, bool draining, Actor actor)
    {
        if (_workers.Find(workerId) is not { } worker)
        {
            return EngineError.NotFound($"Worker '{workerId}' does not exist.");
        }

        if (worker.Status == WorkerStatus.Offline)
        {
            return EngineError.Conflict($"Worker '{workerId}' is offline; it can be drained once it is back.");
        }

        var wanted = draining ? WorkerStatus.Draining : WorkerStatus.Online;
        if (worker.Status != wanted)
        {
            worker.Status = wanted;
            _dirtyWorkers.Add(worker);
            LogWorkerStatus(_logger, workerId, wanted, actor);
        }

        return SnapshotOf(worker);
    }

    private EngineResult<WorkerSnapshot> Register(WorkerRegistration registration, IWorkerConnection connection)
    {
        var errors = new List<EngineError>();
        if (string.IsNullOrWhiteSpace(registration.Id) || registration.Id.Length > 64)
        {
            errors.Add(EngineError.Invalid("id", "A worker id is 1 to 64 characters."));
        }

        if (!registration.Capacity.IsNonNegative || registration.Capacity.CpuMillicores == 0 || registration.Capacity.MemoryMb == 0)
        {
            errors.Add(EngineError.Invalid("capacity", "A worker needs some cpu and memory, and no negative capacity."));
        }

        if (errors.Count > 0)
        {
            return EngineResult.Fail<WorkerSnapshot>(errors);
        }

        if (_workers.Find(registration.Id) is { } existing)
        {
            if (existing.Embedded)
            {
                return new EngineError(EngineErrorKind.Conflict, $"'{registration.Id}' is an embedded worker of this host.", "id");
            }

            existing.Update(registration);
            existing.Connection = connection;
            existing.Status = WorkerStatus.Online;
            existing.LastHeartbeat = _now;
            _dirtyWorkers.Add(existing);
            return SnapshotOf(existing);
        }

        var worker = new WorkerState(registration, embedded: false, connection) { LastHeartbeat = _now };
        _workers.Add(worker);
        _dirtyWorkers.Add(worker);
        return SnapshotOf(worker);
    }

    private HeartbeatAnswer Heartbeat(string workerId, IReadOnlyList<RunLease> running)
    {
        if (_workers.Find(workerId) is not { } worker)
        {
            return new HeartbeatAnswer(Known: false, Stop: running);
        }

        worker.LastHeartbeat = _now;
        if (worker.Status == WorkerStatus.Offline)
        {
            worker.Status = WorkerStatus.Online;
            _dirtyWorkers.Add(worker);
        }

        return new HeartbeatAnswer(Known: true, Stop: [.. running.Where(lease => OwnedBy(workerId, lease.RunId, lease.Epoch) is null)]);
    }

    private bool Disconnect(string workerId, string reason)
    {
        if (_workers.Find(workerId) is { Status: not WorkerStatus.Offline } worker)
        {
            GoOffline(worker, reason);
        }

        return true;
    }

    /// <summary>Workers whose lease lapsed go offline; their runs are lost and requeued at the front of their lanes.</summary>
    private void ExpireLeases()
    {
        var lease = TimeSpan.FromSeconds(_workerOptions.LeaseSeconds);
        foreach (var worker in _workers.All.Where(w => w.Status != WorkerStatus.Offline && _now - w.LastHeartbeat > lease).ToList())
        {
            GoOffline(worker, $"worker {worker.Id} missed its heartbeat for {(int)(_now - worker.LastHeartbeat).TotalSeconds} s (lease {_workerOptions.LeaseSeconds} s)");
        }
    }

    private void GoOffline(WorkerState worker, string reason)
    {
        worker.Status = WorkerStatus.Offline;
        _dirtyWorkers.Add(worker);
        foreach (var runId in worker.OwnedRuns.Order().ToList())
        {
            var run = _runs[runId];
            if (run.Stopping == StopIntent.Cancel)
            {
                Finish(run, RunState.Cancelled, TransitionKind.Cancelled, Actor.Engine, $"cancel completed: {reason}", exitCode: null);
            }
            else
            {
                Requeue(run, TransitionKind.Lost, Actor.Engine, $"{reason}; back to the front of its lane", front: true, notBefore: null);
            }
        }

        LogWorkerOffline(_logger, worker.Id, reason);
    }

    private DateTimeOffset? NextLeaseExpiry()
    {
        var online = _workers.All.Where(w => w.Status != WorkerStatus.Offline).ToList();
        return online.Count == 0 ? null : online.Min(w => w.LastHeartbeat) + TimeSpan.FromSeconds(_workerOptions.LeaseSeconds) + TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Asks the run's owner to stop it (after this batch commits).</summary>
    private void StopOnWorker(RunRecord run)
    {
        if (run.OwnerWorker is not null && _workers.Find(run.OwnerWorker)?.Connection is { } connection)
        {
            var (id, epoch) = (run.Id, run.OwnerEpoch);
            AfterCommit(() => connection.StopRun(id, epoch));
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Worker {Worker} is offline: {Reason}")]
    private static partial void LogWorkerOffline(Microsoft.Extensions.Logging.ILogger logger, string worker, string reason);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Worker {Worker} is now {Status} ({Actor})")]
    private static partial void LogWorkerStatus(Microsoft.Extensions.Logging.ILogger logger, string worker, WorkerStatus status, Actor actor);
}
