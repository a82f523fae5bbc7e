using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Scheduler.Benchmarks;

/// <summary>Looks into a SQLite file after the system that wrote it has stopped.</summary>
internal static class SqliteFile
{
    /// <summary>The file's journal mode (<c>wal</c> when write-ahead logging is on).</summary>
    public static async Task<string> JournalModeAsync(string path, CancellationToken cancellationToken) =>
        Convert.ToString(await ScalarAsync(path, "PRAGMA journal_mode;", cancellationToken), CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>Rows in <paramref name="table"/>.</summary>
    public static async Task<long> CountAsync(string path, string table, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(path, $"SELECT count(*) FROM {table};", cancellationToken), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(string path, string sql, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
