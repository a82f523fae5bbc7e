using System.Data.Common;
using System.Globalization;

namespace Scheduler.Benchmarks;

/// <summary>Checks that a connection commits durably, so a figure labelled synchronous=FULL really was.</summary>
internal static class SqliteDurability
{
    // PRAGMA synchronous answers a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
    private const long Full = 2;

    /// <summary>Fails unless <paramref name="connection"/> (opened as the system opens its own) runs with synchronous=FULL or stronger.</summary>
    public static async Task RequireFullSyncAsync(DbConnection connection, string system, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        var level = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (level < Full)
        {
            throw new BenchmarkFailedException($"{system}: its SQLite connections run with synchronous={level}, not FULL (2)");
        }
    }
}
