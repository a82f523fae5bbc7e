using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Triggers;

/// <summary>When an agent runs (seed 004's ScheduleType).</summary>
public enum ScheduleType : byte
{
    /// <summary>Only when someone presses "trigger now" or calls the API.</summary>
    OnDemand = 0,

    /// <summary>On a cron expression (with seconds) in a time zone.</summary>
    Recurring = 1,

    /// <summary>When a program triggers it through the API, with parameters.</summary>
    Api = 2,

    /// <summary>Whenever a named event is posted to the API.</summary>
    Event = 3,
}

/// <summary>What fires a schedule (seed 004's TriggerType).</summary>
public enum TriggerType : byte
{
    /// <summary>An operator's button.</summary>
    Manual = 0,

    /// <summary>Quartz firing a cron trigger.</summary>
    Cron = 1,

    /// <summary>A named event posted to the API.</summary>
    Event = 2,

    /// <summary>A sensor value crossing a threshold.</summary>
    Sensor = 3,

    /// <summary>A program calling the API.</summary>
    Api = 4,

    /// <summary>An upstream run finishing.</summary>
    Dependency = 5,
}

/// <summary>What a recurring schedule does about fire times missed while the engine was down.</summary>
public enum MisfirePolicy : byte
{
    /// <summary>Fire once as soon as possible, then continue on schedule.</summary>
    FireOnceNow = 0,

    /// <summary>Skip the missed fire times and wait for the next one.</summary>
    Skip = 1,
}

/// <summary>The trigger of a schedule, seed 004's ScheduleTrigger flattened.</summary>
public sealed record ScheduleTrigger
{
    /// <summary>What fires the schedule; must match the schedule's type.</summary>
    public TriggerType Type { get; init; } = TriggerType.Manual;

    /// <summary>Quartz cron expression with seconds, e.g. <c>0 */5 * * * ?</c> (recurring only).</summary>
    public string? Cron { get; init; }

    /// <summary>IANA or Windows time zone id the cron expression is read in; UTC when empty.</summary>
    public string? TimeZone { get; init; }

    /// <summary>What to do about fire times missed while down (recurring only).</summary>
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.FireOnceNow;

    /// <summary>The event name that fires the schedule (event only).</summary>
    public string? Event { get; init; }
}

/// <summary>What an operator registers to make an agent run (seed 004's AgentSchedule).</summary>
public sealed record ScheduleDefinition
{
    /// <summary>The agent the schedule runs.</summary>
    public required int AgentId { get; init; }

    /// <summary>A label for operators.</summary>
    public string? Name { get; init; }

    /// <summary>When the agent runs.</summary>
    public ScheduleType Type { get; init; } = ScheduleType.OnDemand;

    /// <summary>The priority of the runs it creates.</summary>
    public Priority Priority { get; init; } = Priority.Medium;

    /// <summary>What fires it.</summary>
    public ScheduleTrigger Trigger { get; init; } = new();

    /// <summary>Resources of its runs; the agent's defaults when null.</summary>
    public ResourceVector? Resources { get; init; }

    /// <summary>Schedules whose most recent run each new run waits for.</summary>
    public IReadOnlyList<int> Dependencies { get; init; } = [];

    /// <summary>Worker label requirements, <c>key=value</c> each.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>Parameters handed to every run (a trigger may add or override them).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>A schedule as the engine reports it.</summary>
public sealed record ScheduleInfo(
    int Id,
    ScheduleDefinition Definition,
    bool Paused,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);
