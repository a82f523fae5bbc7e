using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Triggers;

/// <summary>A schedule with its upcoming fire times (recurring schedules only).</summary>
public sealed record ScheduleView(ScheduleInfo Schedule, IReadOnlyList<DateTimeOffset> NextFireTimes);

/// <summary>Schedules: when agents run. Changes commit in the engine first, then Quartz's triggers follow.</summary>
public interface IScheduleService
{
    /// <summary>Every schedule with its next five fire times.</summary>
    Task<IReadOnlyList<ScheduleView>> ListAsync();

    /// <summary>One schedule, or null.</summary>
    Task<ScheduleView?> GetAsync(int id);

    /// <summary>Creates a schedule.</summary>
    Task<EngineResult<ScheduleView>> CreateAsync(ScheduleDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Replaces a schedule's definition.</summary>
    Task<EngineResult<ScheduleView>> UpdateAsync(int id, ScheduleDefinition definition, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a schedule; its past runs stay.</summary>
    Task<EngineResult<ScheduleView>> DeleteAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Stops cron and event firings until resumed (explicit triggers still work).</summary>
    Task<EngineResult<ScheduleView>> PauseAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Lets a paused schedule fire again.</summary>
    Task<EngineResult<ScheduleView>> ResumeAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Fires the schedule now ("trigger now", or the API with parameters).</summary>
    Task<EngineResult<RunSnapshot>> TriggerAsync(int id, IReadOnlyDictionary<string, string>? parameters, Actor actor);

    /// <summary>Posts a named event: every active event schedule subscribed to it fires.</summary>
    Task<EngineResult<IReadOnlyList<RunSnapshot>>> PostEventAsync(string name, IReadOnlyDictionary<string, string>? parameters, Actor actor);

    /// <summary>Posts a sensor value: conditional schedules whose condition it makes true fire.</summary>
    Task<EngineResult<IReadOnlyList<RunSnapshot>>> PostSensorAsync(string name, double value, Actor actor);

    /// <summary>
    /// The next <paramref name="count"/> fire times (UTC) of a cron expression read in a time zone, checked by the
    /// same rules as a saved recurring schedule, so a form can preview them before saving. The errors name the
    /// fields of a schedule's trigger (<c>trigger.cron</c>, <c>trigger.timeZone</c>). Empty when it never fires again.
    /// </summary>
    EngineResult<IReadOnlyList<DateTimeOffset>> PreviewFireTimes(string? cron, string? timeZone, int count = 5);
}

internal sealed class ScheduleService(EngineLoop engine, QuartzScheduleSync quartz, TimeProvider time) : IScheduleService
{
    public const int PreviewCount = 5;

    private const int MaxPreviewCount = 100;

    public async Task<IReadOnlyList<ScheduleView>> ListAsync() => [.. (await engine.InvokeAsync(engine.ListSchedules)).Select(View)];

    public async Task<ScheduleView?> GetAsync(int id) => await engine.InvokeAsync(() => engine.GetSchedule(id)) is { } schedule ? View(schedule) : null;

    public Task<EngineResult<ScheduleView>> CreateAsync(ScheduleDefinition definition, CancellationToken cancellationToken = default) =>
        ApplyAsync(() => engine.CreateSchedule(definition), cancellationToken);

    public Task<EngineResult<ScheduleView>> UpdateAsync(int id, ScheduleDefinition definition, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(() => engine.UpdateSchedule(id, definition, expectedVersion), cancellationToken);

    public async Task<EngineResult<ScheduleView>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        var result = await engine.InvokeAsync(() => engine.DeleteSchedule(id));
        if (!result.Succeeded)
        {
            return EngineResult.Fail<ScheduleView>(result.Errors);
        }

        await quartz.RemoveAsync(id, cancellationToken);
        return View(result.Value!);
    }

    public Task<EngineResult<ScheduleView>> PauseAsync(int id, CancellationToken cancellationToken = default) =>
        ApplyAsync(() => engine.SetSchedulePaused(id, paused: true), cancellationToken);

    public Task<EngineResult<ScheduleView>> ResumeAsync(int id, CancellationToken cancellationToken = default) =>
        ApplyAsync(() => engine.SetSchedulePaused(id, paused: false), cancellationToken);

    public Task<EngineResult<RunSnapshot>> TriggerAsync(int id, IReadOnlyDictionary<string, string>? parameters, Actor actor) =>
        engine.InvokeAsync(() => engine.FireSchedule(id, actor.Kind == ActorKind.Operator ? TriggerType.Manual : TriggerType.Api, parameters, actor));

    public Task<EngineResult<IReadOnlyList<RunSnapshot>>> PostEventAsync(string name, IReadOnlyDictionary<string, string>? parameters, Actor actor) =>
        engine.InvokeAsync(() => engine.PostEvent(name, parameters, actor));

    public Task<EngineResult<IReadOnlyList<RunSnapshot>>> PostSensorAsync(string name, double value, Actor actor) =>
        engine.InvokeAsync(() => engine.PostSensor(name, value, actor));

    public EngineResult<IReadOnlyList<DateTimeOffset>> PreviewFireTimes(string? cron, string? timeZone, int count = PreviewCount)
    {
        var errors = new List<EngineError>();
        ScheduleValidator.CheckCron(cron, timeZone, errors);
        if (count is < 1 or > MaxPreviewCount)
        {
            errors.Add(EngineError.Invalid("count", $"Between 1 and {MaxPreviewCount} fire times can be previewed (asked for {count})."));
        }

        return errors.Count > 0
            ? EngineResult.Fail<IReadOnlyList<DateTimeOffset>>(errors)
            : EngineResult.Ok(CronSchedule.NextFireTimes(cron!, timeZone, time.GetUtcNow(), count));
    }

    private async Task<EngineResult<ScheduleView>> ApplyAsync(Func<EngineResult<ScheduleInfo>> change, CancellationToken cancellationToken)
    {
        var result = await engine.InvokeAsync(change);
        if (!result.Succeeded)
        {
            return EngineResult.Fail<ScheduleView>(result.Errors);
        }

        await quartz.ApplyAsync(result.Value!, cancellationToken);
        return View(result.Value!);
    }

    private ScheduleView View(ScheduleInfo schedule)
    {
        var trigger = schedule.Definition.Trigger;
        var next = schedule.Definition.Type == ScheduleType.Recurring && !schedule.Paused && CronSchedule.Problem(trigger.Cron) is null
            ? CronSchedule.NextFireTimes(trigger.Cron!, trigger.TimeZone, time.GetUtcNow(), PreviewCount)
            : [];
        return new ScheduleView(schedule, next);
    }
}
