using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>What fires a schedule (seed 004's ScheduleTrigger, flattened).</summary>
public sealed record TriggerDto
{
    /// <summary>manual (on_demand), cron (recurring), api (api) or event (event).</summary>
    public TriggerType Type { get; init; } = TriggerType.Manual;

    /// <summary>Quartz cron expression with seconds, e.g. <c>0 */5 * * * ?</c> (recurring only).</summary>
    public string? Cron { get; init; }

    /// <summary>IANA time zone the cron expression is read in; UTC when omitted.</summary>
    public string? TimeZone { get; init; }

    /// <summary>fire_once_now (default) or skip: what to do about fire times missed while down (recurring only).</summary>
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.FireOnceNow;

    /// <summary>The event name that fires the schedule (event only).</summary>
    public string? Event { get; init; }
}

/// <summary>Parameters for a trigger-now or a posted event; they add to or override the schedule's own.</summary>
public sealed record FireRequest
{
    /// <summary>Parameters handed to the run(s).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
