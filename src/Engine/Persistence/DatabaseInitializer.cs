using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// Runs before every other engine service: creates the data folder, switches the file to WAL and applies
/// pending migrations. Registered first so Quartz and the dispatcher only ever see a current schema.
/// </summary>
internal sealed partial class DatabaseInitializer(
    SqliteDatabase database,
    IServiceScopeFactory scopes,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(database, scopes, cancellationToken);
        LogReady(logger, database.FilePath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static async Task InitializeAsync(SqliteDatabase database, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(database.FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using (var connection = database.OpenConnection())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        await context.Database.MigrateAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler database ready at {Path}")]
    private static partial void LogReady(ILogger logger, string path);
}
