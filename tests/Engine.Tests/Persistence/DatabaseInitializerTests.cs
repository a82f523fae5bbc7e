using Microsoft.Extensions.DependencyInjection;
using Scheduler.Engine.Persistence;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Persistence;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public async Task Start_FreshFolder_CreatesDatabaseInWalModeWithEngineAndQuartzTables()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nested", "scheduler.db");

        using var host = await EngineHost.StartAsync(path);

        Assert.True(File.Exists(path));
        var database = host.Services.GetRequiredService<SqliteDatabase>();
        await using var connection = database.OpenConnection();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        var tables = Column(connection, "SELECT lower(name) FROM sqlite_master WHERE type = 'table'");
        Assert.Contains("engine_settings", tables);
        Assert.Contains("__efmigrationshistory", tables);
        Assert.Contains("qrtz_triggers", tables);
        Assert.Contains("qrtz_job_details", tables);
        Assert.NotEmpty(Column(connection, "SELECT MigrationId FROM __EFMigrationsHistory"));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void OpenConnection_AppliesDurableCommitsForeignKeysAndBusyTimeout()
    {
        using var dir = new TempDirectory();
        var database = new SqliteDatabase(dir.File("pragmas.db"), busyTimeoutSeconds: 7);

        using var connection = database.OpenConnection();

        Assert.Equal("2", Scalar(connection, "PRAGMA synchronous;")); // 2 = FULL
        Assert.Equal("1", Scalar(connection, "PRAGMA foreign_keys;"));
        Assert.Equal("7000", Scalar(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task Start_Twice_KeepsDataAndAppliesNoMigrationTwice()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scheduler.db");
        using (var first = await EngineHost.StartAsync(path))
        {
            await using var connection = first.Services.GetRequiredService<SqliteDatabase>().OpenConnection();
            Execute(connection, "INSERT INTO engine_settings (key, value) VALUES ('probe', 'kept')");
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        using var second = await EngineHost.StartAsync(path);
        await using var reopened = second.Services.GetRequiredService<SqliteDatabase>().OpenConnection();

        Assert.Equal("kept", Scalar(reopened, "SELECT value FROM engine_settings WHERE key = 'probe'"));
        var applied = Column(reopened, "SELECT MigrationId FROM __EFMigrationsHistory");
        Assert.Equal(applied.Count, applied.Distinct().Count());
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    private static string? Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Column(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
