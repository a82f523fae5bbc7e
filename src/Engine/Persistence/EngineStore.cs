using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// The engine loop's writer. One connection, one transaction per batch (group commit): every change of a batch
/// is durable together before any of it is announced. Runs and their transitions, the hot path, are written with
/// prepared statements; agents and schedules, which change rarely, through EF Core on the same transaction.
/// Every run update is a compare-and-set on the row's version, so memory and database can never silently drift.
/// </summary>
internal sealed class EngineStore(SqliteDatabase database) : IDisposable
{
    // The mutable columns come first, numbered 1 to 20 in both statements, so one binder serves both.
    private const string MutableColumns =
        "state, priority, requested_priority, base_priority, inherited_from, queue_position, attempt, failures, owner_worker, owner_epoch, " +
        "stop_intent, queued_at, not_before, started_at, finished_at, exit_code, error, pid, pid_start_ticks, version";

    private const string FixedColumns =
        "id, agent_id, schedule_id, depth, cpu_millicores, memory_mb, gpu, bandwidth_mbps, storage_mb, trigger, created_by, created_at, spec_json";

    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;
    private DbContextOptions<SchedulerDbContext>? _efOptions;
    private RawStatement _insertRun = default!;
    private RawStatement _updateRun = default!;
    private RawStatement _insertTransition = default!;
    private RawStatement _insertDependency = default!;
    private RawStatement _setSetting = default!;

    public bool InTransaction => _transaction is not null;

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("The engine store is not open.");

    public void Open()
    {
        _connection = database.OpenConnection();
        using (var pragma = _connection.CreateCommand())
        {
            // The writer never checkpoints inside a commit; WalCheckpointer does it in the background.
            pragma.CommandText = "PRAGMA wal_autocheckpoint = 0;";
            pragma.ExecuteNonQuery();
        }

        _efOptions = new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite(_connection).Options;
        var columns = $"{MutableColumns}, {FixedColumns}";
        var placeholders = string.Join(", ", Enumerable.Range(1, columns.Split(", ").Length).Select(i => $"?{i}"));
        _insertRun = new RawStatement(_connection, $"INSERT INTO runs ({columns}) VALUES ({placeholders})");
        _updateRun = new RawStatement(_connection,
            "UPDATE runs SET " + string.Join(", ", MutableColumns.Split(", ").Select((c, i) => $"{c} = ?{i + 1}")) + " WHERE id = ?21 AND version = ?22");
        _insertTransition = new RawStatement(_connection,
            "INSERT INTO run_transitions (run_id, at, from_state, to_state, kind, attempt, worker, actor, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        _insertDependency = new RawStatement(_connection, "INSERT INTO run_dependencies (run_id, depends_on_run_id) VALUES (?1, ?2)");
        _setSetting = new RawStatement(_connection,
            "INSERT INTO engine_settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }

    public void Begin()
    {
        // BEGIN IMMEDIATE: take the write lock up front so the batch never fails half-way on a lock upgrade.
        _transaction = Connection.BeginTransaction(deferred: false);
    }

    public void Commit()
    {
        _transaction!.Commit();
        EndTransaction();
    }

    public void Rollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        finally
        {
            EndTransaction();
        }
    }

    public void InsertRun(RunRecord run)
    {
        BindMutable(_insertRun, run)
            .Bind(21, run.Id)
            .Bind(22, run.AgentId)
            .Bind(23, run.ScheduleId)
            .Bind(24, run.Depth)
            .Bind(25, run.Resources.CpuMillicores)
            .Bind(26, run.Resources.MemoryMb)
            .Bind(27, run.Resources.Gpu)
            .Bind(28, run.Resources.BandwidthMbps)
            .Bind(29, run.Resources.StorageMb)
            .Bind(30, (int)run.Trigger)
            .Bind(31, run.CreatedBy)
            .Bind(32, Time.ToMs(run.CreatedAt))
            .Bind(33, EngineJson.Write(run.Spec))
            .Execute();
        foreach (var dependency in run.DependsOn)
        {
            _insertDependency.Bind(1, run.Id).Bind(2, dependency).Execute();
        }
    }

    /// <summary>Writes the run's new state, only if the stored row is still at <paramref name="expectedVersion"/>.</summary>
    public void UpdateRun(RunRecord run, long expectedVersion)
    {
        if (BindMutable(_updateRun, run).Bind(21, run.Id).Bind(22, expectedVersion).Execute() != 1)
        {
            throw new StoreConflictException($"Run {run.Id} is no longer at version {expectedVersion} in the database.");
        }
    }

    public void InsertTransition(long runId, RunTimelineEntry entry) =>
        _insertTransition
            .Bind(1, runId)
            .Bind(2, Time.ToMs(entry.At))
            .Bind(3, entry.From is null ? null : (int)entry.From.Value)
            .Bind(4, (int)entry.To)
            .Bind(5, (int)entry.Kind)
            .Bind(6, entry.Attempt)
            .Bind(7, entry.Worker)
            .Bind(8, entry.Actor.ToString())
            .Bind(9, entry.Reason)
            .Execute();

    public void SetSetting(string key, string value) => _setSetting.Bind(1, key).Bind(2, value).Execute();

    public string? GetSetting(string key)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT value FROM engine_settings WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Runs EF Core work (agents, schedules) inside the batch's transaction.</summary>
    public T WithContext<T>(Func<SchedulerDbContext, T> work)
    {
        using var context = new SchedulerDbContext(_efOptions!);
        if (_transaction is not null)
        {
            context.Database.UseTransaction(_transaction);
        }

        return work(context);
    }

    public long MaxRunId() => WithContext(db => db.Runs.Max(r => (long?)r.Id) ?? 0);

    public Dictionary<long, RunState> StatesOf(IReadOnlyCollection<long> runIds) =>
        runIds.Count == 0
            ? []
            : WithContext(db => db.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id)).Select(r => new { r.Id, r.State }).ToDictionary(r => r.Id, r => (RunState)r.State));

    /// <summary>State and dependency depth of finished runs (they are no longer in the engine's memory).</summary>
    public Dictionary<long, (RunState State, int Depth)> FinishedRuns(IReadOnlyCollection<long> runIds) =>
        runIds.Count == 0
            ? []
            : WithContext(db => db.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id)).Select(r => new { r.Id, r.State, r.Depth })
                .ToDictionary(r => r.Id, r => ((RunState)r.State, r.Depth)));

    public (long Id, RunState State)? LatestRunOf(int scheduleId) =>
        WithContext(db => db.Runs.AsNoTracking().Where(r => r.ScheduleId == scheduleId).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.State }).FirstOrDefault()) is { } latest
            ? (latest.Id, (RunState)latest.State)
            : null;

    public void Dispose()
    {
        _transaction?.Dispose();
        foreach (var statement in new[] { _insertRun, _updateRun, _insertTransition, _insertDependency, _setSetting })
        {
            statement?.Dispose();
        }

        _connection?.Dispose();
    }

    private static RawStatement BindMutable(RawStatement statement, RunRecord run) =>
        statement
            .Bind(1, (int)run.State)
            .Bind(2, (int)run.Priority)
            .Bind(3, (int)run.RequestedPriority)
            .Bind(4, (int)run.BasePriority)
            .Bind(5, run.InheritedFrom)
            .Bind(6, run.QueuePosition)
            .Bind(7, run.Attempt)
            .Bind(8, run.Failures)
            .Bind(9, run.OwnerWorker)
            .Bind(10, run.OwnerEpoch)
            .Bind(11, (int)run.Stopping)
            .Bind(12, Time.ToMs(run.QueuedAt))
            .Bind(13, Time.ToMs(run.NotBefore))
            .Bind(14, Time.ToMs(run.StartedAt))
            .Bind(15, Time.ToMs(run.FinishedAt))
            .Bind(16, run.ExitCode)
            .Bind(17, run.Error)
            .Bind(18, run.Pid)
            .Bind(19, run.PidStartTicks)
            .Bind(20, run.Version);

    private void EndTransaction()
    {
        _transaction?.Dispose();
        _transaction = null;
    }
}

/// <summary>The database no longer holds what the engine expected: the batch is rolled back and state reloaded.</summary>
internal sealed class StoreConflictException(string message) : Exception(message);

/// <summary>Formats settings values.</summary>
internal static class SettingValues
{
    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static long ToLong(string? value) => value is null ? 0 : long.Parse(value, CultureInfo.InvariantCulture);
}
