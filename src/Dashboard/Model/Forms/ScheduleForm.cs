using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Model.Forms;

/// <summary>What a conditional schedule watches.</summary>
public enum ConditionKind
{
    /// <summary>A sensor value crossing a threshold.</summary>
    Sensor,

    /// <summary>Some worker having enough free resources.</summary>
    FreeResources,
}

/// <summary>
/// A schedule as its create/edit form holds it: every field of <see cref="ScheduleDefinition"/> and its trigger,
/// with the form's own checks (required fields, ranges). Cron expressions and time zones are checked by the
/// engine as they are typed (<see cref="IDashboardClient.PreviewCron"/>); the engine re-checks everything on save.
/// </summary>
public sealed class ScheduleForm
{
    private static readonly string[] ResourceKeys = ["cpu", "memoryMb", "gpu", "bandwidthMbps", "storageMb"];

    private static readonly Dictionary<ScheduleType, TriggerType> TriggerOf = new()
    {
        [ScheduleType.OnDemand] = TriggerType.Manual,
        [ScheduleType.Recurring] = TriggerType.Cron,
        [ScheduleType.Api] = TriggerType.Api,
        [ScheduleType.Event] = TriggerType.Event,
        [ScheduleType.Conditional] = TriggerType.Sensor,
        [ScheduleType.Cascading] = TriggerType.Dependency,
    };

    /// <summary>The fields that show errors; engine fields outside these are general errors.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(
        new[]
        {
            "agentId", "name", "type", "priority", "trigger.cron", "trigger.timeZone", "trigger.misfire", "trigger.event",
            "trigger.upstreamScheduleId", "trigger.condition", "trigger.condition.sensor", "trigger.condition.above",
            "trigger.condition.below", "trigger.condition.freeResources", "trigger.condition.windowStart",
            "trigger.condition.windowEnd", "resources", "dependencies", "constraints", "parameters",
        }
        .Concat(ResourceKeys.Select(k => $"resources.{k}"))
        .Concat(ResourceKeys.Select(k => $"trigger.condition.freeResources.{k}")),
        StringComparer.Ordinal);

    /// <summary>The agent it runs.</summary>
    public int? AgentId { get; set; }

    /// <summary>A label for operators.</summary>
    public string? Name { get; set; }

    /// <summary>When the agent runs.</summary>
    public ScheduleType Type { get; set; } = ScheduleType.Recurring;

    /// <summary>Priority of its runs.</summary>
    public Priority Priority { get; set; } = Priority.Medium;

    /// <summary>Quartz cron with seconds (recurring).</summary>
    public string? Cron { get; set; } = "0 */5 * * * ?";

    /// <summary>The zone the cron expression (or a condition's window) is read in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>What to do about missed fire times (recurring).</summary>
    public MisfirePolicy Misfire { get; set; } = MisfirePolicy.FireOnceNow;

    /// <summary>The event that fires it (event).</summary>
    public string? Event { get; set; }

    /// <summary>The schedule whose successes fire it (cascading).</summary>
    public int? UpstreamScheduleId { get; set; }

    /// <summary>What a conditional schedule watches.</summary>
    public ConditionKind ConditionKind { get; set; } = ConditionKind.Sensor;

    /// <summary>The sensor (conditional).</summary>
    public string? Sensor { get; set; }

    /// <summary>True while the sensor value is above this.</summary>
    public double? Above { get; set; }

    /// <summary>True while the sensor value is below this.</summary>
    public double? Below { get; set; }

    /// <summary>True while a worker has this much free.</summary>
    public ResourceFields FreeResources { get; set; } = new() { Cpu = 1, MemoryMb = 0, Gpu = 0, BandwidthMbps = 0, StorageMb = 0 };

    /// <summary>Start of the daily window, HH:mm (optional).</summary>
    public string? WindowStart { get; set; }

    /// <summary>End of the daily window, HH:mm (optional).</summary>
    public string? WindowEnd { get; set; }

    /// <summary>Whether the schedule's runs use their own resources instead of the agent's.</summary>
    public bool OverrideResources { get; set; }

    /// <summary>The resources of its runs when overridden.</summary>
    public ResourceFields Resources { get; set; } = new() { Cpu = 1, MemoryMb = 256, Gpu = 0, BandwidthMbps = 0, StorageMb = 0 };

    /// <summary>Schedules whose latest run each new run waits for.</summary>
    public IReadOnlyCollection<int> Dependencies { get; set; } = [];

    /// <summary>Worker label requirements, <c>key=value</c> a line.</summary>
    public string? Constraints { get; set; }

    /// <summary>Parameters of every run, <c>NAME=value</c> a line.</summary>
    public string? Parameters { get; set; }

    /// <summary>The form of a saved schedule.</summary>
    public static ScheduleForm From(ScheduleDefinition schedule)
    {
        var trigger = schedule.Trigger;
        var condition = trigger.Condition;
        return new ScheduleForm
        {
            AgentId = schedule.AgentId,
            Name = schedule.Name,
            Type = schedule.Type,
            Priority = schedule.Priority,
            Cron = trigger.Cron,
            TimeZone = string.IsNullOrWhiteSpace(trigger.TimeZone) ? "UTC" : trigger.TimeZone,
            Misfire = trigger.Misfire,
            Event = trigger.Event,
            UpstreamScheduleId = trigger.UpstreamScheduleId,
            ConditionKind = condition?.FreeResources is null ? ConditionKind.Sensor : ConditionKind.FreeResources,
            Sensor = condition?.Sensor,
            Above = condition?.Above,
            Below = condition?.Below,
            FreeResources = condition?.FreeResources is { } free ? ResourceFields.From(free) : new ScheduleForm().FreeResources,
            WindowStart = condition?.WindowStart,
            WindowEnd = condition?.WindowEnd,
            OverrideResources = schedule.Resources is not null,
            Resources = schedule.Resources is { } resources ? ResourceFields.From(resources) : new ScheduleForm().Resources,
            Dependencies = [.. schedule.Dependencies],
            Constraints = TextLists.Join(schedule.Constraints),
            Parameters = TextLists.JoinPairs(schedule.Parameters),
        };
    }

    /// <summary>The form field an engine error belongs to (<c>trigger.type</c> → <c>type</c>), or null for a general error.</summary>
    public static string? FieldOf(string engineField)
    {
        var field = engineField == "trigger.type" ? "type"
            : engineField.StartsWith("parameters.", StringComparison.Ordinal) ? "parameters"
            : engineField;
        return Fields.Contains(field) ? field : null;
    }

    /// <summary>Whether the type takes a cron expression (and so a preview of its fire times).</summary>
    public bool UsesCron => Type == ScheduleType.Recurring;

    /// <summary>Whether the type reads a time zone (a cron expression, or a condition's daily window).</summary>
    public bool UsesTimeZone => Type is ScheduleType.Recurring or ScheduleType.Conditional;

    /// <summary>The form's own checks, by field (the cron expression's syntax is the engine's to judge).</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AgentId is null)
        {
            errors["agentId"] = "Choose the agent this schedule runs.";
        }

        switch (Type)
        {
            case ScheduleType.Recurring when string.IsNullOrWhiteSpace(Cron):
                errors["trigger.cron"] = "A cron expression is required, e.g. '0 */5 * * * ?' (seconds minutes hours day-of-month month day-of-week).";
                break;
            case ScheduleType.Event when string.IsNullOrWhiteSpace(Event):
                errors["trigger.event"] = "An event schedule needs the name of the event that fires it.";
                break;
            case ScheduleType.Cascading when UpstreamScheduleId is null:
                errors["trigger.upstreamScheduleId"] = "Choose the schedule whose successful runs fire this one.";
                break;
            case ScheduleType.Conditional:
                ValidateCondition(errors);
                break;
        }

        if (OverrideResources)
        {
            Resources.Validate("resources", errors);
        }

        if (TextLists.Pairs(Parameters).Problem is { } problem)
        {
            errors["parameters"] = problem;
        }

        return errors;
    }

    /// <summary>The definition to save (call after <see cref="Validate"/> found nothing).</summary>
    public ScheduleDefinition ToDefinition() => new()
    {
        AgentId = AgentId ?? 0,
        Name = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
        Type = Type,
        Priority = Priority,
        Trigger = new ScheduleTrigger
        {
            Type = TriggerOf[Type],
            Cron = UsesCron ? Cron?.Trim() : null,
            TimeZone = UsesTimeZone ? TimeZone : null,
            Misfire = Misfire,
            Event = Type == ScheduleType.Event ? Event?.Trim() : null,
            UpstreamScheduleId = Type == ScheduleType.Cascading ? UpstreamScheduleId : null,
            Condition = Type == ScheduleType.Conditional ? Condition() : null,
        },
        Resources = OverrideResources ? Resources.ToVector() : null,
        Dependencies = [.. Dependencies],
        Constraints = [.. TextLists.Lines(Constraints).Select(c => c.Trim())],
        Parameters = TextLists.Pairs(Parameters).Pairs,
    };

    private ScheduleCondition Condition() => new()
    {
        Sensor = ConditionKind == ConditionKind.Sensor ? Sensor?.Trim() : null,
        Above = ConditionKind == ConditionKind.Sensor ? Above : null,
        Below = ConditionKind == ConditionKind.Sensor ? Below : null,
        FreeResources = ConditionKind == ConditionKind.FreeResources ? FreeResources.ToVector() : null,
        WindowStart = string.IsNullOrWhiteSpace(WindowStart) ? null : WindowStart.Trim(),
        WindowEnd = string.IsNullOrWhiteSpace(WindowEnd) ? null : WindowEnd.Trim(),
    };

    private void ValidateCondition(Dictionary<string, string> errors)
    {
        if (ConditionKind == ConditionKind.FreeResources)
        {
            FreeResources.Validate("trigger.condition.freeResources", errors);
        }
        else if (string.IsNullOrWhiteSpace(Sensor))
        {
            errors["trigger.condition.sensor"] = "Name the sensor whose values are watched.";
        }
        else if (Above is null && Below is null)
        {
            errors["trigger.condition.above"] = "Give a threshold: above, below, or both.";
        }

        if (string.IsNullOrWhiteSpace(WindowStart) != string.IsNullOrWhiteSpace(WindowEnd))
        {
            errors["trigger.condition.windowEnd"] = "A time window needs both a start and an end.";
        }
    }
}
