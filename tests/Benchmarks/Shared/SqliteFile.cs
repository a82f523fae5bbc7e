using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Scheduler.Benchmarks;

/// <summary>Prepares a SQLite file before a system uses it, and looks into it after the system has stopped.</summary>
internal static class SqliteFile
{
    /// <summary>Switches the file (created when missing) to write-ahead logging, which is a property of the file.</summary>
    public static async Task EnableWalAsync(string path, CancellationToken cancellationToken)
    {
        var mode = Convert.ToString(await ScalarAsync(path, "PRAGMA journal_mode = WAL;", cancellationToken, SqliteOpenMode.ReadWriteCreate), CultureInfo.InvariantCulture);
        if (mode != "wal")
        {
            throw new BenchmarkFailedException($"{path} could not be switched to WAL (journal_mode={mode})");
        }
    }

    /// <summary>The file's journal mode (<c>wal</c> when write-ahead logging is on).</summary>
    public static async Task<string> JournalModeAsync(string path, CancellationToken cancellationToken) =>
        Convert.ToString(await ScalarAsync(path, "PRAGMA journal_mode;", cancellationToken), CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>Rows in <paramref name="table"/>.</summary>
    public static async Task<long> CountAsync(string path, string table, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(path, $"SELECT count(*) FROM {table};", cancellationToken), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(string path, string sql, CancellationToken cancellationToken, SqliteOpenMode mode = SqliteOpenMode.ReadWrite)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
