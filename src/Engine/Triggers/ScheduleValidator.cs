using System.Text.RegularExpressions;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Triggers;

/// <summary>Every rule a schedule must satisfy, reported all at once with the field at fault.</summary>
internal static partial class ScheduleValidator
{
    private static readonly Dictionary<ScheduleType, TriggerType> TriggerOf = new()
    {
        [ScheduleType.OnDemand] = TriggerType.Manual,
        [ScheduleType.Recurring] = TriggerType.Cron,
        [ScheduleType.Api] = TriggerType.Api,
        [ScheduleType.Event] = TriggerType.Event,
        [ScheduleType.Conditional] = TriggerType.Sensor,
        [ScheduleType.Cascading] = TriggerType.Dependency,
    };

    public static List<EngineError> Validate(ScheduleDefinition schedule, int? id, Func<int, bool> agentExists, Func<int, bool> scheduleExists, WorkerPool workers)
    {
        var errors = new List<EngineError>();
        if (!agentExists(schedule.AgentId))
        {
            errors.Add(EngineError.Invalid("agentId", $"Agent {schedule.AgentId} does not exist."));
        }

        if (schedule.Name is { Length: > 200 })
        {
            errors.Add(EngineError.Invalid("name", "Name must be at most 200 characters."));
        }

        if (!schedule.Priority.IsDefined())
        {
            errors.Add(EngineError.Invalid("priority", "Priority must be one of critical, high, medium, low, background."));
        }

        var trigger = schedule.Trigger ?? new ScheduleTrigger();
        if (!TriggerOf.TryGetValue(schedule.Type, out var expected))
        {
            errors.Add(EngineError.Invalid("type", "Type must be one of on_demand, recurring, api, event, conditional, cascading."));
        }
        else if (trigger.Type != expected)
        {
            errors.Add(EngineError.Invalid("trigger.type", $"A {Name(schedule.Type)} schedule needs a {expected.ToString().ToLowerInvariant()} trigger, not {trigger.Type.ToString().ToLowerInvariant()}."));
        }

        if (!Enum.IsDefined(schedule.Type))
        {
            return errors;
        }

        if (schedule.Type == ScheduleType.Recurring)
        {
            CheckCron(trigger.Cron, trigger.TimeZone, errors);
            if (!Enum.IsDefined(trigger.Misfire))
            {
                errors.Add(EngineError.Invalid("trigger.misfire", "Misfire must be fire_once_now or skip."));
            }
        }
        else if (!string.IsNullOrEmpty(trigger.Cron))
        {
            errors.Add(EngineError.Invalid("trigger.cron", "Only recurring schedules take a cron expression."));
        }

        if (schedule.Type == ScheduleType.Event)
        {
            if (string.IsNullOrWhiteSpace(trigger.Event) || !EventName().IsMatch(trigger.Event))
            {
                errors.Add(EngineError.Invalid("trigger.event", "An event schedule needs an event name: 1 to 100 letters, digits, '.', '_', ':' or '-'."));
            }
        }
        else if (!string.IsNullOrEmpty(trigger.Event))
        {
            errors.Add(EngineError.Invalid("trigger.event", "Only event schedules take an event name."));
        }

        if (schedule.Type == ScheduleType.Cascading)
        {
            if (trigger.UpstreamScheduleId is not { } upstream || !scheduleExists(upstream))
            {
                errors.Add(EngineError.Invalid("trigger.upstreamScheduleId", $"A cascading schedule needs an existing upstream schedule (got {trigger.UpstreamScheduleId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})."));
            }
            else if (upstream == id)
            {
                errors.Add(EngineError.Invalid("trigger.upstreamScheduleId", "A schedule cannot cascade from itself."));
            }
        }
        else if (trigger.UpstreamScheduleId is not null)
        {
            errors.Add(EngineError.Invalid("trigger.upstreamScheduleId", "Only cascading schedules take an upstream schedule."));
        }

        if (schedule.Type == ScheduleType.Conditional)
        {
            CheckCondition(trigger, errors);
        }
        else if (trigger.Condition is not null)
        {
            errors.Add(EngineError.Invalid("trigger.condition", "Only conditional schedules take a condition."));
        }

        if (schedule.Resources is { } resources)
        {
            RunValidation.CheckPlacement(workers, resources, schedule.Constraints, "resources", "constraints", errors);
        }
        else
        {
            foreach (var constraint in schedule.Constraints)
            {
                if (WorkerConstraints.Problem(constraint) is { } problem)
                {
                    errors.Add(EngineError.Invalid("constraints", $"Constraint is malformed: {problem}."));
                }
            }
        }

        foreach (var dependency in schedule.Dependencies.Distinct())
        {
            if (dependency == id)
            {
                errors.Add(EngineError.Invalid("dependencies", "A schedule cannot depend on itself."));
            }
            else if (!scheduleExists(dependency))
            {
                errors.Add(EngineError.Invalid("dependencies", $"Schedule {dependency} does not exist."));
            }
        }

        RunValidation.CheckParameters(schedule.Parameters, "parameters", errors);
        return errors;
    }

    /// <summary>A recurring trigger's cron expression and time zone, with the trigger's field names.</summary>
    public static void CheckCron(string? cron, string? timeZone, List<EngineError> errors)
    {
        if (CronSchedule.Problem(cron) is { } cronProblem)
        {
            errors.Add(EngineError.Invalid("trigger.cron", cronProblem));
        }

        if (CronSchedule.FindTimeZone(timeZone) is null)
        {
            errors.Add(EngineError.Invalid("trigger.timeZone", $"Unknown time zone '{timeZone}'; use an IANA id such as Europe/Paris, or UTC."));
        }
    }

    private static void CheckCondition(ScheduleTrigger trigger, List<EngineError> errors)
    {
        if (trigger.Condition is not { } condition)
        {
            errors.Add(EngineError.Invalid("trigger.condition", "A conditional schedule needs a condition: a sensor with above/below, or freeResources."));
            return;
        }

        var sensor = !string.IsNullOrWhiteSpace(condition.Sensor);
        if (sensor == (condition.FreeResources is not null))
        {
            errors.Add(EngineError.Invalid("trigger.condition", "Give either a sensor (with above and/or below) or freeResources, not both and not neither."));
        }

        if (sensor && !EventName().IsMatch(condition.Sensor!))
        {
            errors.Add(EngineError.Invalid("trigger.condition.sensor", "A sensor name is 1 to 100 letters, digits, '.', '_', ':' or '-'."));
        }

        if (sensor && condition.Above is null && condition.Below is null)
        {
            errors.Add(EngineError.Invalid("trigger.condition", "A sensor condition needs a threshold: above, below, or both."));
        }

        if ((condition.Above is { } above && !double.IsFinite(above)) || (condition.Below is { } below && !double.IsFinite(below)))
        {
            errors.Add(EngineError.Invalid("trigger.condition", "Thresholds must be numbers."));
        }

        if (condition.FreeResources is { IsNonNegative: false })
        {
            errors.Add(EngineError.Invalid("trigger.condition.freeResources", "Free resources must not be negative."));
        }

        if ((condition.WindowStart is null) != (condition.WindowEnd is null))
        {
            errors.Add(EngineError.Invalid("trigger.condition.windowEnd", "A time window needs both windowStart and windowEnd."));
        }

        foreach (var (field, value) in new[] { ("windowStart", condition.WindowStart), ("windowEnd", condition.WindowEnd) })
        {
            if (value is not null && !TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                errors.Add(EngineError.Invalid($"trigger.condition.{field}", $"'{value}' is not a time of day (HH:mm)."));
            }
        }

        if (CronSchedule.FindTimeZone(trigger.TimeZone) is null)
        {
            errors.Add(EngineError.Invalid("trigger.timeZone", $"Unknown time zone '{trigger.TimeZone}'; use an IANA id such as Europe/Paris, or UTC."));
        }
    }

    public static string Name(ScheduleType type) => type switch
    {
        ScheduleType.OnDemand => "on_demand",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static bool IsEventName(string name) => EventName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")]
    private static partial Regex EventName();
}
