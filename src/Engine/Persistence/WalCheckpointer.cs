using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// Checkpoints the write-ahead log in the background. SQLite otherwise checkpoints inside whichever commit
/// happens to cross the WAL size threshold, and with synchronous=FULL that commit then also waits for the
/// database file to be synced: a latency spike of tens of milliseconds in the middle of dispatching. The engine's
/// writer turns automatic checkpoints off; this runs a PASSIVE checkpoint on its own connection, which never
/// blocks the writer or readers.
/// </summary>
internal sealed partial class WalCheckpointer(SqliteDatabase database, TimeProvider time, ILogger<WalCheckpointer> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                Checkpoint();
            }
            catch (Microsoft.Data.Sqlite.SqliteException error)
            {
                LogCheckpointFailed(logger, error);
            }
        }
    }

    /// <summary>Copies committed WAL frames into the database file without waiting for anyone.</summary>
    public void Checkpoint()
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background WAL checkpoint failed; it is retried in a second")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception error);
}
