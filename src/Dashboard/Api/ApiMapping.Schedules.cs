using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

public static partial class ApiMapping
{
    /// <summary>The engine definition a request describes, or why it cannot become one.</summary>
    public static EngineResult<ScheduleDefinition> ToDefinition(this ScheduleRequest request)
    {
        var errors = new List<EngineError>();
        if (request.AgentId is null)
        {
            errors.Add(Required("agentId"));
        }

        var resources = request.Resources is { } amounts ? ToVector(amounts, "resources", errors) : null;
        var condition = request.Trigger.Condition;
        var freeResources = condition?.FreeResources is { } free ? ToVector(free, "trigger.condition.freeResources", errors) : null;
        if (errors.Count > 0)
        {
            return EngineResult.Fail<ScheduleDefinition>(errors);
        }

        return new ScheduleDefinition
        {
            AgentId = request.AgentId!.Value,
            Name = request.Name,
            Type = request.Type,
            Priority = request.Priority,
            Trigger = new ScheduleTrigger
            {
                Type = request.Trigger.Type,
                Cron = request.Trigger.Cron,
                TimeZone = request.Trigger.TimeZone,
                Misfire = request.Trigger.Misfire,
                Event = request.Trigger.Event,
                UpstreamScheduleId = request.Trigger.UpstreamScheduleId,
                Condition = condition is null ? null : new ScheduleCondition
                {
                    Sensor = condition.Sensor,
                    Above = condition.Above,
                    Below = condition.Below,
                    FreeResources = freeResources,
                    WindowStart = condition.WindowStart,
                    WindowEnd = condition.WindowEnd,
                },
            },
            Resources = resources,
            Dependencies = request.Dependencies,
            Constraints = request.Constraints,
            Parameters = request.Parameters,
        };
    }

    /// <summary>A schedule with its next fire times as the wire shows it.</summary>
    public static ScheduleResponse ToResponse(this ScheduleView view)
    {
        var (schedule, definition, trigger) = (view.Schedule, view.Schedule.Definition, view.Schedule.Definition.Trigger);
        return new ScheduleResponse(
            schedule.Id,
            definition.AgentId,
            definition.Name,
            definition.Type,
            definition.Priority,
            trigger.ToDto(),
            definition.Resources?.ToDto(),
            definition.Dependencies,
            definition.Constraints,
            definition.Parameters,
            schedule.Paused,
            view.NextFireTimes,
            schedule.CreatedAt,
            schedule.UpdatedAt,
            schedule.Version);
    }

    private static TriggerDto ToDto(this ScheduleTrigger trigger) => new()
    {
        Type = trigger.Type,
        Cron = trigger.Cron,
        TimeZone = trigger.TimeZone,
        Misfire = trigger.Misfire,
        Event = trigger.Event,
        UpstreamScheduleId = trigger.UpstreamScheduleId,
        Condition = trigger.Condition is not { } condition ? null : new ConditionDto
        {
            Sensor = condition.Sensor,
            Above = condition.Above,
            Below = condition.Below,
            FreeResources = condition.FreeResources?.ToDto(),
            WindowStart = condition.WindowStart,
            WindowEnd = condition.WindowEnd,
        },
    };
}
