using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;
using Scheduler.Engine.Persistence;

namespace Scheduler.Engine.Triggers;

/// <summary>
/// Quartz with its persistent ADO.NET job store on the engine's SQLite file, so triggers survive a restart.
/// Quartz creates its own tables (<c>qrtz_*</c>) on first start.
/// </summary>
internal static class QuartzSetup
{
    public const string SchedulerName = "scheduler-dashboard";

    public static void AddPersistentQuartz(this IServiceCollection services)
    {
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.InstanceId = "single-node";
            });
            quartz.UsePersistentStore(store =>
            {
                store.UseConnectionProvider(sp =>
                    new DbProvider(DataSourceOptions.Providers.Sqlite, sp.GetRequiredService<SqliteDatabase>().ConnectionString));
                store.UseDriverDelegate<SQLiteDelegate>();
                store.ConfigureStore(options => options.StoreJobDataAsStrings = true);
                store.ProvisionSchema();
            });
            quartz.AddQuartzHealthChecks();
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }
}
