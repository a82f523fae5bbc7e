using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;

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
        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddOptions<WorkerOptions>()
            .Bind(configuration.GetSection(WorkerOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddDbContextFactory<SchedulerDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<SqliteDatabase>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<SqlitePragmaInterceptor>()));

        services.AddSingleton<RunReadModel>();
        services.AddSingleton<EnginePaths>();
        services.AddSingleton<EngineStore>();
        services.AddSingleton<WalCheckpointer>();
        services.AddSingleton(sp => new ChangeFeed(sp.GetRequiredService<IOptions<EngineOptions>>().Value.ChangeFeedCapacity));
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<WorkerPool>();
        services.AddSingleton(sp => new RunLogStore(
            sp.GetRequiredService<EnginePaths>().LogDirectory,
            sp.GetRequiredService<IOptions<EngineOptions>>().Value.LogSegmentKilobytes * 1024,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRunLogs>(sp => sp.GetRequiredService<RunLogStore>());
        services.AddSingleton<IRunExecutor, SubprocessExecutor>();
        services.AddSingleton<IRunExecutor, BuiltinExecutor>();
        services.AddSingleton<ExecutionHost>();
        services.AddSingleton<IRunLauncher>(sp => sp.GetRequiredService<ExecutionHost>());
        services.AddSingleton<EngineLoop>();
        services.AddSingleton<IWorkerGateway>(sp => sp.GetRequiredService<EngineLoop>());
        services.AddSingleton<QuartzScheduleSync>();
        services.AddSingleton<IAgentService, AgentService>();
        services.AddSingleton<IScheduleService, ScheduleService>();
        services.AddSingleton<IRunService, RunService>();
        services.AddSingleton<IWorkerService, WorkerService>();

        // Hosted services start in registration order (and stop in reverse): the schema must exist before the
        // engine loads and Quartz provisions its tables, and the engine must run before Quartz fires into it.
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<EngineService>();
        services.AddPersistentQuartz();
        services.AddHostedService<DemoSeeder>();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("scheduler-database", HealthStatus.Unhealthy, [HealthTag]);
        return services;
    }
}
