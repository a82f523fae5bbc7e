using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Hosting;

/// <summary>Registers the scheduling engine in a host.</summary>
public static class SchedulerEngineServiceCollectionExtensions
{
    /// <summary>The tag carried by every health check the engine registers.</summary>
    public const string HealthTag = "scheduler";

    /// <summary>
    /// Adds the engine: options (validated at start-up), the SQLite database and its migrations, and Quartz with
    /// its persistent job store on the same file. The database is initialised before Quartz starts.
    /// </summary>
    public static IServiceCollection AddSchedulerEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddDbContextFactory<SchedulerDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<SqliteDatabase>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<SqlitePragmaInterceptor>()));

        // Hosted services start in registration order: the schema must exist before Quartz provisions its tables.
        services.AddHostedService<DatabaseInitializer>();
        services.AddPersistentQuartz();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("scheduler-database", HealthStatus.Unhealthy, [HealthTag]);
        return services;
    }
}
