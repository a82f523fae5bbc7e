using Microsoft.Extensions.Logging;
using Quartz;

namespace Scheduler.Engine.Triggers;

/// <summary>
/// Keeps Quartz's persistent job store in line with the schedules table: one durable job with one cron trigger
/// per recurring schedule, paused when the schedule is. Quartz holds only triggers; a firing becomes a run in
/// the engine (<see cref="ScheduleFireJob"/>). An unchanged trigger is left alone at start-up, so Quartz's own
/// record of missed fire times, and with it the misfire policy, survives a restart.
/// </summary>
internal sealed partial class QuartzScheduleSync(ISchedulerFactory factory, ILogger<QuartzScheduleSync> logger)
{
    public const string Group = "schedules";
    public const string ScheduleIdKey = "scheduleId";

    public static JobKey JobKeyOf(int scheduleId) => new($"schedule-{scheduleId}", Group);

    public static TriggerKey TriggerKeyOf(int scheduleId) => new($"schedule-{scheduleId}-cron", Group);

    /// <summary>Brings Quartz in line with one schedule after it was created, changed, paused or resumed.</summary>
    public async Task ApplyAsync(ScheduleInfo schedule, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        if (schedule.Definition.Type != ScheduleType.Recurring)
        {
            await scheduler.DeleteJob(JobKeyOf(schedule.Id), cancellationToken);
            return;
        }

        var key = TriggerKeyOf(schedule.Id);
        if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger existing && Matches(existing, schedule.Definition.Trigger))
        {
            var paused = await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Paused;
            if (paused != schedule.Paused)
            {
                await (schedule.Paused ? scheduler.PauseTrigger(key, cancellationToken) : scheduler.ResumeTrigger(key, cancellationToken));
            }

            return;
        }

        var job = JobBuilder.Create<ScheduleFireJob>()
            .WithIdentity(JobKeyOf(schedule.Id))
            .UsingJobData(ScheduleIdKey, schedule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .StoreDurably()
            .Build();
        var definition = schedule.Definition.Trigger;
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .WithCronSchedule(definition.Cron!, cron =>
            {
                cron.InTimeZone(CronSchedule.FindTimeZone(definition.TimeZone) ?? TimeZoneInfo.Utc);
                cron.WithMisfireInstruction(definition.Misfire == MisfirePolicy.FireOnceNow
                    ? CronTriggerMisfireInstruction.FireAndProceed
                    : CronTriggerMisfireInstruction.DoNothing);
            })
            .Build();
        await scheduler.ScheduleJob(job, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true, Paused = schedule.Paused }, cancellationToken);
    }

    /// <summary>Removes a deleted schedule's job and trigger.</summary>
    public async Task RemoveAsync(int scheduleId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(JobKeyOf(scheduleId), cancellationToken);
    }

    /// <summary>At start-up: adds what is missing, fixes what differs, removes jobs of schedules that are gone.</summary>
    public async Task ReconcileAsync(IReadOnlyList<ScheduleInfo> schedules, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var wanted = schedules.Where(s => s.Definition.Type == ScheduleType.Recurring).Select(s => JobKeyOf(s.Id)).ToHashSet();
        var stored = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(Group), Take = 100_000 }, cancellationToken);
        foreach (var stale in stored.Items.Select(j => j.Key).Where(k => !wanted.Contains(k)).ToList())
        {
            LogRemovingStale(logger, stale.Name);
            await scheduler.DeleteJob(stale, cancellationToken);
        }

        foreach (var schedule in schedules)
        {
            await ApplyAsync(schedule, cancellationToken);
        }
    }

    /// <summary>When Quartz will next fire the schedule, or null (paused, not recurring, or never again).</summary>
    public async Task<DateTimeOffset?> NextFireTimeAsync(int scheduleId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(TriggerKeyOf(scheduleId), cancellationToken))?.NextFireTimeUtc;
    }

    private static bool Matches(ICronTrigger existing, ScheduleTrigger wanted)
    {
        var zone = CronSchedule.FindTimeZone(wanted.TimeZone) ?? TimeZoneInfo.Utc;
        var misfire = wanted.Misfire == MisfirePolicy.FireOnceNow
            ? CronTriggerMisfireInstruction.FireAndProceed
            : CronTriggerMisfireInstruction.DoNothing;
        return existing.CronExpressionString == wanted.Cron && existing.TimeZone.Id == zone.Id && existing.MisfireInstruction == misfire;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing Quartz job {Job}: its schedule no longer exists or is not recurring")]
    private static partial void LogRemovingStale(ILogger logger, string job);
}
