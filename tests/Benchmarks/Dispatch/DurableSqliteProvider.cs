using System.Data;
using System.Data.Common;
using Quartz;
using Quartz.Impl.AdoJobStore.Common;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// Quartz's own Microsoft.Data.Sqlite provider, plus <c>synchronous=FULL</c> on every connection it opens (as the
/// engine's connections get), so each Quartz commit is as durable as ours whatever the library's default is.
/// </summary>
internal sealed class DurableSqliteProvider(string connectionString) : IDbProvider
{
    private readonly DbProvider _inner = new(DataSourceOptions.Providers.Sqlite, connectionString);
    private int _opened;

    /// <summary>How many connections were opened (and given synchronous=FULL) through this provider.</summary>
    public int Opened => Volatile.Read(ref _opened);

    public string ConnectionString => _inner.ConnectionString;

    public DbMetadata Metadata => _inner.Metadata;

    public DbCommand CreateCommand() => _inner.CreateCommand();

    public DbConnection CreateConnection()
    {
        var connection = _inner.CreateConnection();
        connection.StateChange += ApplyPragmas;
        return connection;
    }

    public void Shutdown() => _inner.Shutdown();

    private void ApplyPragmas(object sender, StateChangeEventArgs change)
    {
        if (change.CurrentState == ConnectionState.Open && sender is DbConnection connection)
        {
            Interlocked.Increment(ref _opened);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
        }
    }
}
