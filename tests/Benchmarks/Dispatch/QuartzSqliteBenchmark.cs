using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Impl.AdoJobStore;
using Scheduler.Engine.Persistence;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// Quartz.NET's own ADO.NET job store on a fresh SQLite file, configured as the product configures it (Microsoft.Data.Sqlite,
/// SQLite delegate, job data as strings, provisioned schema; WAL and <c>synchronous=FULL</c>), firing one-shot triggers
/// of a no-op job.
/// </summary>
internal static class QuartzSqliteBenchmark
{
    public const string Name = "quartz_sqlite";

    private const int ThreadPoolSize = 32;
    private const int ScheduleBatch = 500;
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ThroughputResult> RunAsync(int jobs, CancellationToken cancellationToken)
    {
        using var folder = TempFolder.Create(Name);
        var database = new SqliteDatabase(folder.File("quartz.db"));
        await SqliteFile.EnableWalAsync(database.FilePath, cancellationToken);
        var executions = new CompletionCounter(jobs);
        var provider = new DurableSqliteProvider(database.ConnectionString);
        await using (var connection = provider.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteDurability.RequireFullSyncAsync(connection, Name, cancellationToken);
        }

        TimeSpan elapsed;
        await using (var factory = Build(provider, executions))
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            await scheduler.Start(cancellationToken);
            Settle.CollectGarbage();
            var started = Stopwatch.GetTimestamp();
            for (var first = 0; first < jobs; first += ScheduleBatch)
            {
                await scheduler.ScheduleJobs(Batch(first, Math.Min(ScheduleBatch, jobs - first)), new ScheduleJobOptions(), cancellationToken);
            }

            var finished = await executions.WaitAsync($"{Name}: jobs executed", StallTimeout, cancellationToken);
            elapsed = Stopwatch.GetElapsedTime(started, finished);
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }

        if (provider.Opened <= 1)
        {
            throw new BenchmarkFailedException($"{Name}: Quartz did not open its connections through the durable provider");
        }

        await VerifyAsync(database.FilePath, executions, cancellationToken);
        var journal = await SqliteFile.JournalModeAsync(database.FilePath, cancellationToken);
        var notes = $"first ScheduleJobs to last execution counted in the job; batches of {ScheduleBatch}; {ThreadPoolSize} threads; " +
            $"trigger acquisition batch = Quartz's default (the thread count); Quartz ADO store, Microsoft.Data.Sqlite, journal={journal}, synchronous=FULL";
        return new ThroughputResult(Name, jobs, elapsed, notes);
    }

    private static StandaloneSchedulerFactory Build(DurableSqliteProvider provider, CompletionCounter executions) =>
        QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = $"bench-{Guid.NewGuid():N}";
                scheduler.InstanceId = "single-node";
            });
            quartz.UseDefaultThreadPool(ThreadPoolSize);
            quartz.UsePersistentStore(store =>
            {
                store.UseConnectionProvider(_ => provider);
                store.UseDriverDelegate<SQLiteDelegate>();
                store.ConfigureStore(options => options.StoreJobDataAsStrings = true);
                store.ProvisionSchema();
            });
            quartz.Services.AddSingleton(executions);
            quartz.Services.AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        }).Build();

    private static Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> Batch(int first, int count)
    {
        var batch = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>(count);
        for (var i = first; i < first + count; i++)
        {
            var job = JobBuilder.Create<QuartzNoopJob>().WithIdentity($"job-{i}", "bench").Build();
            var trigger = TriggerBuilder.Create().WithIdentity($"trigger-{i}", "bench").ForJob(job).StartNow().Build();
            batch[job] = [trigger];
        }

        return batch;
    }

    /// <summary>Each job ran exactly once, and the store completed every firing (non-durable jobs are deleted with their trigger).</summary>
    private static async Task VerifyAsync(string path, CompletionCounter executions, CancellationToken cancellationToken)
    {
        if (executions.Count != executions.Target)
        {
            throw new BenchmarkFailedException($"{Name}: {executions.Count} executions of {executions.Target} jobs");
        }

        foreach (var table in new[] { "qrtz_triggers", "qrtz_fired_triggers", "qrtz_job_details" })
        {
            var left = await SqliteFile.CountAsync(path, table, cancellationToken);
            if (left != 0)
            {
                throw new BenchmarkFailedException($"{Name}: {left} rows left in {table} after every job ran");
            }
        }
    }
}
