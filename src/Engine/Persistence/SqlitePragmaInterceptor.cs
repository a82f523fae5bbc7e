using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scheduler.Engine.Persistence;

/// <summary>Gives every connection EF Core opens the same pragmas as the engine's own connections.</summary>
internal sealed class SqlitePragmaInterceptor(SqliteDatabase database) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        database.ApplyPragmas(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        database.ApplyPragmas(connection);
        return Task.CompletedTask;
    }
}
