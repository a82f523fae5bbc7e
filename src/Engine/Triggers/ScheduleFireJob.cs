using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Triggers;

/// <summary>What Quartz executes when a recurring schedule's cron trigger fires: ask the engine for a run.</summary>
internal sealed partial class ScheduleFireJob(EngineLoop engine, ILogger<ScheduleFireJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = int.Parse(context.MergedJobDataMap.GetString(QuartzScheduleSync.ScheduleIdKey)!, CultureInfo.InvariantCulture);
        var actor = new Actor(ActorKind.Schedule, $"schedule-{id}");
        var result = await engine.InvokeAsync(() => engine.FireSchedule(id, TriggerType.Cron, null, actor));
        if (result.Succeeded)
        {
            LogFired(logger, id, result.Value!.Id, context.ScheduledFireTimeUtc);
        }
        else
        {
            LogSkipped(logger, id, result.Error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schedule {ScheduleId} fired (due {Due}) and created run {RunId}")]
    private static partial void LogFired(ILogger logger, int scheduleId, long runId, DateTimeOffset? due);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId} fired but no run was created: {Reason}")]
    private static partial void LogSkipped(ILogger logger, int scheduleId, string reason);
}
