using Scheduler.Engine.Runs;
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

/// <summary>A schedule to create, or the new definition of one (PUT).</summary>
public sealed record ScheduleRequest
{
    /// <summary>The agent the schedule runs.</summary>
    public int? AgentId { get; init; }

    /// <summary>A label for operators.</summary>
    public string? Name { get; init; }

    /// <summary>on_demand (default), recurring, api or event.</summary>
    public ScheduleType Type { get; init; } = ScheduleType.OnDemand;

    /// <summary>The priority of the runs it creates; medium when omitted.</summary>
    public Priority Priority { get; init; } = Priority.Medium;

    /// <summary>What fires it; its type must match the schedule's type.</summary>
    public TriggerDto Trigger { get; init; } = new();

    /// <summary>Resources of its runs; the agent's defaults when omitted.</summary>
    public ResourcesDto? Resources { get; init; }

    /// <summary>Schedules whose most recent run each new run waits for.</summary>
    public IReadOnlyList<int> Dependencies { get; init; } = [];

    /// <summary>Worker label requirements, <c>key=value</c> each.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>Parameters handed to every run.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>On PUT, the version that was edited: the update is refused with 409 when the schedule changed since.</summary>
    public long? Version { get; init; }
}

/// <summary>A schedule with its next fire times (recurring and not paused only).</summary>
public sealed record ScheduleResponse(
    int Id,
    int AgentId,
    string? Name,
    ScheduleType Type,
    Priority Priority,
    TriggerDto Trigger,
    ResourcesDto? Resources,
    IReadOnlyList<int> Dependencies,
    IReadOnlyList<string> Constraints,
    IReadOnlyDictionary<string, string> Parameters,
    bool Paused,
    IReadOnlyList<DateTimeOffset> NextFireTimes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary>Parameters for a trigger-now or a posted event; they add to or override the schedule's own.</summary>
public sealed record FireRequest
{
    /// <summary>Parameters handed to the run(s).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
