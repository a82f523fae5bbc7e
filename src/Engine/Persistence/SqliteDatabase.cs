using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Hosting;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// The one SQLite file the engine, EF Core and Quartz share: its resolved path, its connection string and
/// the per-connection settings every connection gets (busy timeout, durable commits, foreign keys).
/// </summary>
public sealed class SqliteDatabase
{
    /// <summary>Resolves <see cref="StorageOptions.DatabasePath"/> against the host's content root.</summary>
    public SqliteDatabase(IOptions<StorageOptions> options, IHostEnvironment environment)
        : this(Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath), options.Value.BusyTimeoutSeconds)
    {
    }

    /// <summary>Uses an absolute database path; for tests and tools.</summary>
    public SqliteDatabase(string filePath, int busyTimeoutSeconds = 10)
    {
        FilePath = Path.GetFullPath(filePath);
        BusyTimeoutMilliseconds = busyTimeoutSeconds * 1000;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The connection string every component uses (EF Core, Quartz, the run store).</summary>
    public string ConnectionString { get; }

    internal int BusyTimeoutMilliseconds { get; }

    /// <summary>Opens a connection with the engine's pragmas applied.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        ApplyPragmas(connection);
        return connection;
    }

    /// <summary>
    /// Per-connection settings. WAL is a property of the file and is set once when the database is initialised;
    /// <c>synchronous=FULL</c> makes every commit durable, which the run state machine relies on.
    /// </summary>
    internal void ApplyPragmas(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
        command.ExecuteNonQuery();
    }
}
