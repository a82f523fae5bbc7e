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

    /// <summary>When a condition becomes true: a sensor value crosses a threshold, or a worker has enough free resources.</summary>
    Conditional = 4,

    /// <summary>Whenever a run of an upstream schedule succeeds.</summary>
    Cascading = 5,
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

    /// <summary>The schedule whose successful runs fire this one (cascading only).</summary>
    public int? UpstreamScheduleId { get; init; }

    /// <summary>What must become true (conditional only).</summary>
    public ScheduleCondition? Condition { get; init; }
}

/// <summary>
/// The condition of a conditional schedule (seed 004). It fires when the condition BECOMES true — a sensor value
/// crossing its threshold, or a worker's free resources reaching the amount — and again only after it was false
/// in between; optionally only inside a daily time window (in the trigger's time zone).
/// </summary>
public sealed record ScheduleCondition
{
    /// <summary>The sensor whose posted values are watched (<c>POST /api/sensors/{name}</c>).</summary>
    public string? Sensor { get; init; }

    /// <summary>True while the sensor value is above this.</summary>
    public double? Above { get; init; }

    /// <summary>True while the sensor value is below this.</summary>
    public double? Below { get; init; }

    /// <summary>True while some online worker has at least this much free.</summary>
    public ResourceVector? FreeResources { get; init; }

    /// <summary>Start of the daily window, <c>HH:mm</c>; the condition only counts inside the window.</summary>
    public string? WindowStart { get; init; }

    /// <summary>End of the daily window, <c>HH:mm</c> (may be past midnight, e.g. 22:00–06:00).</summary>
    public string? WindowEnd { get; init; }
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
