using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Triggers;

/// <summary>
/// Recurring schedules live in Quartz's persistent job store on the engine's SQLite file: their triggers survive a
/// restart, and fire times missed while the host was down follow the schedule's misfire policy.
/// </summary>
public sealed class RecurringScheduleRestartTests
{
    // Daily, twelve hours from now: no regular fire time can fall inside a test.
    private static readonly string DailyCron = $"0 0 {(DateTimeOffset.UtcNow.Hour + 12) % 24} * * ?";

    [Fact]
    public async Task RecurringSchedule_TriggerRowAndNextFireTime_SurviveAHostRestart_AndStillFireIntoTheEngine()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scheduler.db");
        int scheduleId;
        DateTimeOffset nextFire;
        using (var first = await EngineHost.StartAsync(path))
        {
            var view = await CreateScheduleAsync(first, MisfirePolicy.FireOnceNow);
            scheduleId = view.Schedule.Id;
            nextFire = (await NextFireAsync(first, scheduleId))!.Value;
            Assert.Equal(nextFire, view.NextFireTimes[0]);
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        var stored = StoredTrigger(path, scheduleId);
        Assert.Equal((DailyCron, nextFire.UtcTicks), (stored.Cron, stored.NextFireTicks));

        using var second = await EngineHost.StartAsync(path);
        var scheduler = await SchedulerOf(second);
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(QuartzScheduleSync.TriggerKeyOf(scheduleId), TestContext.Current.CancellationToken));
        Assert.Equal(DailyCron, trigger.CronExpressionString);
        Assert.Equal(nextFire, trigger.NextFireTimeUtc);
        Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(trigger.Key, TestContext.Current.CancellationToken));
        Assert.Equal(nextFire, (await second.Services.GetRequiredService<IScheduleService>().GetAsync(scheduleId))!.NextFireTimes[0]);

        // The restored job is still wired to the engine: firing it creates a cron run of the schedule.
        var feed = second.Services.GetRequiredService<IChangeFeed>();
        using var subscription = feed.Subscribe(feed.LastSequence);
        await scheduler.TriggerJob(QuartzScheduleSync.JobKeyOf(scheduleId), TestContext.Current.CancellationToken);
        var run = await FirstRunOfAsync(subscription, scheduleId);
        Assert.Equal(TriggerType.Cron, run.Trigger);
        Assert.Equal($"schedule:schedule-{scheduleId}", run.CreatedBy);
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task MissedFires_WithFireOnceNow_CreateExactlyOneRunOnStart()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scheduler.db");
        var (scheduleId, sequence) = await ScheduleThenStopAsync(path, MisfirePolicy.FireOnceNow);
        MissThreeDays(path, scheduleId);

        using var host = await EngineHost.StartAsync(path);
        using var subscription = host.Services.GetRequiredService<IChangeFeed>().Subscribe(sequence);

        var run = await FirstRunOfAsync(subscription, scheduleId);
        Assert.Equal(TriggerType.Cron, run.Trigger);
        await WaitUntilMisfireHandledAsync(host, scheduleId);
        var runs = await host.Services.GetRequiredService<IRunService>().ListAsync(new RunFilter { ScheduleId = scheduleId }, 0, 100, TestContext.Current.CancellationToken);
        Assert.Equal([run.Id], runs.Items.Select(r => r.Id));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task MissedFires_WithSkip_CreateNoRunOnStart_AndWaitForTheNextFireTime()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scheduler.db");
        var (scheduleId, sequence) = await ScheduleThenStopAsync(path, MisfirePolicy.Skip);
        MissThreeDays(path, scheduleId);

        using var host = await EngineHost.StartAsync(path);
        using var subscription = host.Services.GetRequiredService<IChangeFeed>().Subscribe(sequence);

        var next = await WaitUntilMisfireHandledAsync(host, scheduleId);

        Assert.Equal(CronSchedule.NextFireTimes(DailyCron, null, DateTimeOffset.UtcNow, 1)[0], next);
        var runs = await host.Services.GetRequiredService<IRunService>().ListAsync(new RunFilter { ScheduleId = scheduleId }, 0, 100, TestContext.Current.CancellationToken);
        Assert.Empty(runs.Items);
        Assert.DoesNotContain(Drain(subscription), c => c.Run?.ScheduleId == scheduleId);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<ScheduleView> CreateScheduleAsync(IHost host, MisfirePolicy misfire)
    {
        var agent = (await host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "nightly",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "noop",
        })).Value!.Id;
        var created = await host.Services.GetRequiredService<IScheduleService>().CreateAsync(
            new ScheduleDefinition
            {
                AgentId = agent,
                Name = "nightly",
                Type = ScheduleType.Recurring,
                Trigger = new ScheduleTrigger { Type = TriggerType.Cron, Cron = DailyCron, TimeZone = "UTC", Misfire = misfire },
            },
            TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        return created.Value!;
    }

    /// <summary>Creates the schedule on a first host and stops it; answers the schedule and the feed's last sequence.</summary>
    private static async Task<(int ScheduleId, long Sequence)> ScheduleThenStopAsync(string path, MisfirePolicy misfire)
    {
        using var host = await EngineHost.StartAsync(path);
        var view = await CreateScheduleAsync(host, misfire);
        await host.StopAsync(TestContext.Current.CancellationToken);
        return (view.Schedule.Id, host.Services.GetRequiredService<IChangeFeed>().LastSequence);
    }

    /// <summary>What three days of downtime leave in Quartz's store: the trigger's next fire time three days in the past.</summary>
    private static void MissThreeDays(string path, int scheduleId)
    {
        var missed = CronSchedule.NextFireTimes(DailyCron, null, DateTimeOffset.UtcNow.AddDays(-4), 1)[0];
        using var connection = new SqliteDatabase(path).OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE qrtz_triggers SET next_fire_time = $next WHERE trigger_name = $name AND trigger_group = $group";
        command.Parameters.AddWithValue("$next", missed.UtcTicks);
        command.Parameters.AddWithValue("$name", QuartzScheduleSync.TriggerKeyOf(scheduleId).Name);
        command.Parameters.AddWithValue("$group", QuartzScheduleSync.Group);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static (string Cron, long NextFireTicks) StoredTrigger(string path, int scheduleId)
    {
        using var connection = new SqliteDatabase(path).OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.cron_expression, t.next_fire_time
            FROM qrtz_triggers t
            JOIN qrtz_cron_triggers c ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group
            WHERE t.trigger_name = $name AND t.trigger_group = $group
            """;
        command.Parameters.AddWithValue("$name", QuartzScheduleSync.TriggerKeyOf(scheduleId).Name);
        command.Parameters.AddWithValue("$group", QuartzScheduleSync.Group);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"no Quartz trigger row for schedule {scheduleId}");
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Quartz handles misfires on its own threads and announces nothing, so poll its store (with a deadline) until the
    /// trigger's next fire time is in the future again and no job is executing; answers that next fire time.
    /// </summary>
    private static async Task<DateTimeOffset> WaitUntilMisfireHandledAsync(IHost host, int scheduleId)
    {
        var scheduler = await SchedulerOf(host);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var next = (await scheduler.GetTrigger(QuartzScheduleSync.TriggerKeyOf(scheduleId), TestContext.Current.CancellationToken))?.NextFireTimeUtc;
            var key = QuartzScheduleSync.TriggerKeyOf(scheduleId);
            var executing = (await scheduler.QueryFireInstances(new FireInstanceQuery { TriggerGroup = GroupMatcher<TriggerKey>.GroupEquals(key.Group), TriggerName = NameMatcher<TriggerKey>.NameEquals(key.Name) }, TestContext.Current.CancellationToken)).Items;
            if (next > DateTimeOffset.UtcNow.AddHours(1) && executing.Count == 0)
            {
                return next.Value;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the misfire of schedule {scheduleId} was not handled; next fire time {next}, {executing.Count} job(s) executing");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<RunSnapshot> FirstRunOfAsync(ChangeSubscription subscription, int scheduleId)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var change in subscription.Changes.ReadAllAsync(deadline.Token))
        {
            if (change.Transition?.Kind == TransitionKind.Created && change.Run!.ScheduleId == scheduleId)
            {
                return change.Run;
            }
        }

        throw new Xunit.Sdk.XunitException($"schedule {scheduleId} created no run");
    }

    private static List<SchedulerChange> Drain(ChangeSubscription subscription)
    {
        var changes = new List<SchedulerChange>();
        while (subscription.Changes.TryRead(out var change))
        {
            changes.Add(change);
        }

        return changes;
    }

    private static async Task<DateTimeOffset?> NextFireAsync(IHost host, int scheduleId) =>
        await host.Services.GetRequiredService<QuartzScheduleSync>().NextFireTimeAsync(scheduleId, TestContext.Current.CancellationToken);

    private static async Task<IScheduler> SchedulerOf(IHost host) =>
        await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
}
