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
    private const string RunColumns =
        "id, agent_id, schedule_id, state, priority, requested_priority, base_priority, inherited_from, depth, queue_position, attempt, failures, " +
        "cpu_millicores, memory_mb, gpu, bandwidth_mbps, storage_mb, owner_worker, owner_epoch, stop_intent, trigger, " +
        "created_by, created_at, queued_at, not_before, started_at, finished_at, exit_code, error, pid, pid_start_ticks, spec_json, version";

    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;
    private DbContextOptions<SchedulerDbContext>? _efOptions;
    private SqliteCommand _insertRun = default!;
    private SqliteCommand _updateRun = default!;
    private SqliteCommand _insertTransition = default!;
    private SqliteCommand _insertDependency = default!;
    private SqliteCommand _setSetting = default!;

    public bool InTransaction => _transaction is not null;

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("The engine store is not open.");

    public void Open()
    {
        _connection = database.OpenConnection();
        _efOptions = new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite(_connection).Options;
        _insertRun = Prepare($"INSERT INTO runs ({RunColumns}) VALUES ({string.Join(", ", RunColumns.Split(", ").Select(c => "$" + c))})", RunColumns.Split(", "));
        _updateRun = Prepare(
            "UPDATE runs SET state = $state, priority = $priority, requested_priority = $requested_priority, base_priority = $base_priority, " +
            "inherited_from = $inherited_from, queue_position = $queue_position, " +
            "attempt = $attempt, failures = $failures, owner_worker = $owner_worker, owner_epoch = $owner_epoch, stop_intent = $stop_intent, " +
            "queued_at = $queued_at, not_before = $not_before, started_at = $started_at, finished_at = $finished_at, exit_code = $exit_code, " +
            "error = $error, pid = $pid, pid_start_ticks = $pid_start_ticks, version = $version WHERE id = $id AND version = $expected_version",
            ["state", "priority", "requested_priority", "base_priority", "inherited_from", "queue_position", "attempt", "failures", "owner_worker", "owner_epoch", "stop_intent",
             "queued_at", "not_before", "started_at", "finished_at", "exit_code", "error", "pid", "pid_start_ticks", "version", "id", "expected_version"]);
        _insertTransition = Prepare(
            "INSERT INTO run_transitions (run_id, at, from_state, to_state, kind, attempt, worker, actor, reason) " +
            "VALUES ($run_id, $at, $from_state, $to_state, $kind, $attempt, $worker, $actor, $reason)",
            ["run_id", "at", "from_state", "to_state", "kind", "attempt", "worker", "actor", "reason"]);
        _insertDependency = Prepare(
            "INSERT INTO run_dependencies (run_id, depends_on_run_id) VALUES ($run_id, $depends_on_run_id)",
            ["run_id", "depends_on_run_id"]);
        _setSetting = Prepare(
            "INSERT INTO engine_settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            ["key", "value"]);
    }

    public void Begin()
    {
        // BEGIN IMMEDIATE: take the write lock up front so the batch never fails half-way on a lock upgrade.
        _transaction = Connection.BeginTransaction(deferred: false);
        foreach (var command in new[] { _insertRun, _updateRun, _insertTransition, _insertDependency, _setSetting })
        {
            command.Transaction = _transaction;
        }
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
        var p = _insertRun.Parameters;
        Set(p, "$id", run.Id);
        Set(p, "$agent_id", run.AgentId);
        Set(p, "$schedule_id", run.ScheduleId);
        Set(p, "$cpu_millicores", run.Resources.CpuMillicores);
        Set(p, "$memory_mb", run.Resources.MemoryMb);
        Set(p, "$gpu", run.Resources.Gpu);
        Set(p, "$bandwidth_mbps", run.Resources.BandwidthMbps);
        Set(p, "$storage_mb", run.Resources.StorageMb);
        Set(p, "$trigger", (int)run.Trigger);
        Set(p, "$depth", run.Depth);
        Set(p, "$created_by", run.CreatedBy);
        Set(p, "$created_at", Time.ToMs(run.CreatedAt));
        Set(p, "$spec_json", EngineJson.Write(run.Spec));
        BindMutable(p, run);
        _insertRun.ExecuteNonQuery();
        foreach (var dependency in run.DependsOn)
        {
            Set(_insertDependency.Parameters, "$run_id", run.Id);
            Set(_insertDependency.Parameters, "$depends_on_run_id", dependency);
            _insertDependency.ExecuteNonQuery();
        }
    }

    /// <summary>Writes the run's new state, only if the stored row is still at <paramref name="expectedVersion"/>.</summary>
    public void UpdateRun(RunRecord run, long expectedVersion)
    {
        var p = _updateRun.Parameters;
        BindMutable(p, run);
        Set(p, "$id", run.Id);
        Set(p, "$expected_version", expectedVersion);
        if (_updateRun.ExecuteNonQuery() != 1)
        {
            throw new StoreConflictException($"Run {run.Id} is no longer at version {expectedVersion} in the database.");
        }
    }

    public void InsertTransition(long runId, RunTimelineEntry entry)
    {
        var p = _insertTransition.Parameters;
        Set(p, "$run_id", runId);
        Set(p, "$at", Time.ToMs(entry.At));
        Set(p, "$from_state", entry.From is null ? null : (int)entry.From.Value);
        Set(p, "$to_state", (int)entry.To);
        Set(p, "$kind", (int)entry.Kind);
        Set(p, "$attempt", entry.Attempt);
        Set(p, "$worker", entry.Worker);
        Set(p, "$actor", entry.Actor.ToString());
        Set(p, "$reason", entry.Reason);
        _insertTransition.ExecuteNonQuery();
    }

    public void SetSetting(string key, string value)
    {
        Set(_setSetting.Parameters, "$key", key);
        Set(_setSetting.Parameters, "$value", value);
        _setSetting.ExecuteNonQuery();
    }

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
        foreach (var command in new[] { _insertRun, _updateRun, _insertTransition, _insertDependency, _setSetting })
        {
            command?.Dispose();
        }

        _connection?.Dispose();
    }

    private static void BindMutable(SqliteParameterCollection p, RunRecord run)
    {
        Set(p, "$state", (int)run.State);
        Set(p, "$priority", (int)run.Priority);
        Set(p, "$requested_priority", (int)run.RequestedPriority);
        Set(p, "$base_priority", (int)run.BasePriority);
        Set(p, "$inherited_from", run.InheritedFrom);
        Set(p, "$queue_position", run.QueuePosition);
        Set(p, "$attempt", run.Attempt);
        Set(p, "$failures", run.Failures);
        Set(p, "$owner_worker", run.OwnerWorker);
        Set(p, "$owner_epoch", run.OwnerEpoch);
        Set(p, "$stop_intent", (int)run.Stopping);
        Set(p, "$queued_at", Time.ToMs(run.QueuedAt));
        Set(p, "$not_before", Time.ToMs(run.NotBefore));
        Set(p, "$started_at", Time.ToMs(run.StartedAt));
        Set(p, "$finished_at", Time.ToMs(run.FinishedAt));
        Set(p, "$exit_code", run.ExitCode);
        Set(p, "$error", run.Error);
        Set(p, "$pid", run.Pid);
        Set(p, "$pid_start_ticks", run.PidStartTicks);
        Set(p, "$version", run.Version);
    }

    private static void Set(SqliteParameterCollection parameters, string name, object? value) =>
        parameters[name].Value = value ?? DBNull.Value;

    private SqliteCommand Prepare(string sql, IEnumerable<string> parameterNames)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter("$" + name, null));
        }

        return command;
    }

    private void EndTransaction()
    {
        _transaction?.Dispose();
        _transaction = null;
        foreach (var command in new[] { _insertRun, _updateRun, _insertTransition, _insertDependency, _setSetting })
        {
            command.Transaction = null;
        }
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
