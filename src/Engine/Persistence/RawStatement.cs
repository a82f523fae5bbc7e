using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// A statement prepared once on the engine's writer connection and bound by position. Microsoft.Data.Sqlite
/// looks every parameter up by name on every execution, which cost the write path more than the statements
/// themselves; the hot statements of the run store go through this instead.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, long? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    public RawStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement and answers how many rows it changed.</summary>
    public int Execute()
    {
        var step = raw.sqlite3_step(_statement);
        var reset = raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            throw Error(step);
        }

        Check(reset);
        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw Error(code);
        }
    }

    private SqliteException Error(int code) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), code);
}
