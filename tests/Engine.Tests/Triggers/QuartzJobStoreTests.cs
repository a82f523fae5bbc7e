using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Triggers;

public sealed class QuartzJobStoreTests
{
    [Fact]
    public async Task ScheduledJob_SurvivesHostRestart_WithSameTriggerAndNextFireTime()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scheduler.db");
        var jobKey = new JobKey("nightly-report", "tests");
        var triggerKey = new TriggerKey("nightly-report-cron", "tests");
        DateTimeOffset? scheduledNextFire;

        using (var first = await EngineHost.StartAsync(path))
        {
            var scheduler = await SchedulerOf(first);
            var job = JobBuilder.Create<NoopJob>().WithIdentity(jobKey).UsingJobData("agent", "report").StoreDurably().Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(jobKey)
                .WithCronSchedule("0 30 3 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc))
                .Build();
            scheduledNextFire = await scheduler.ScheduleJob(job, trigger, default, TestContext.Current.CancellationToken);
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        using var second = await EngineHost.StartAsync(path);
        var restarted = await SchedulerOf(second);
        var storedJob = await restarted.GetJobDetail(jobKey, TestContext.Current.CancellationToken);
        var storedTrigger = await restarted.GetTrigger(triggerKey, TestContext.Current.CancellationToken);

        Assert.NotNull(storedJob);
        Assert.Equal("report", storedJob.JobDataMap.GetString("agent"));
        var cron = Assert.IsAssignableFrom<ICronTrigger>(storedTrigger);
        Assert.Equal("0 30 3 * * ?", cron.CronExpressionString);
        Assert.Equal(scheduledNextFire, cron.NextFireTimeUtc);
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<IScheduler> SchedulerOf(Microsoft.Extensions.Hosting.IHost host) =>
        await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);

    private sealed class NoopJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
