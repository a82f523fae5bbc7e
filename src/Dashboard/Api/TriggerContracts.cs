using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>What fires a schedule (seed 004's ScheduleTrigger, flattened).</summary>
public sealed record TriggerDto
{
    /// <summary>
    /// manual (on_demand), cron (recurring), api (api), event (event), sensor (conditional) or dependency (cascading).
    /// </summary>
    public TriggerType Type { get; init; } = TriggerType.Manual;

    /// <summary>Quartz cron expression with seconds, e.g. <c>0 */5 * * * ?</c> (recurring only).</summary>
    public string? Cron { get; init; }

    /// <summary>IANA time zone the cron expression (or a condition's time window) is read in; UTC when omitted.</summary>
    public string? TimeZone { get; init; }

    /// <summary>fire_once_now (default) or skip: what to do about fire times missed while down (recurring only).</summary>
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.FireOnceNow;

    /// <summary>The event name that fires the schedule (event only).</summary>
    public string? Event { get; init; }

    /// <summary>The schedule whose successful runs fire this one (cascading only); cascades must not form a cycle.</summary>
    public int? UpstreamScheduleId { get; init; }

    /// <summary>What must become true for the schedule to fire (conditional only).</summary>
    public ConditionDto? Condition { get; init; }
}

/// <summary>
/// The condition of a conditional schedule: either a sensor threshold or an amount of free resources on some worker,
/// optionally only inside a daily time window. It fires when the condition becomes true, and again only after it
/// was false in between.
/// </summary>
public sealed record ConditionDto
{
    /// <summary>The sensor whose values (<c>POST /api/sensors/{name}</c>) are watched.</summary>
    public string? Sensor { get; init; }

    /// <summary>True while the sensor value is above this.</summary>
    public double? Above { get; init; }

    /// <summary>True while the sensor value is below this.</summary>
    public double? Below { get; init; }

    /// <summary>True while some online worker has at least this much free (instead of a sensor).</summary>
    public ResourcesDto? FreeResources { get; init; }

    /// <summary>Start of the daily window, <c>HH:mm</c>, in the trigger's time zone.</summary>
    public string? WindowStart { get; init; }

    /// <summary>End of the daily window, <c>HH:mm</c>; may be past midnight (22:00 to 06:00).</summary>
    public string? WindowEnd { get; init; }
}

/// <summary>Parameters for a trigger-now or a posted event; they add to or override the schedule's own.</summary>
public sealed record FireRequest
{
    /// <summary>Parameters handed to the run(s).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>A sensor reading.</summary>
public sealed record SensorRequest
{
    /// <summary>The value, a number; conditional schedules watching the sensor fire when it crosses their threshold.</summary>
    public double? Value { get; init; }
}
