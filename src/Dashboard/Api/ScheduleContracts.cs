using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Api;

/// <summary>A schedule to create, or the new definition of one (PUT).</summary>
public sealed record ScheduleRequest
{
    /// <summary>The agent the schedule runs.</summary>
    public int? AgentId { get; init; }

    /// <summary>A label for operators.</summary>
    public string? Name { get; init; }

    /// <summary>on_demand (default), recurring, api, event, conditional or cascading.</summary>
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

/// <summary>A schedule with its next fire times.</summary>
/// <param name="Id">The schedule's id.</param>
/// <param name="AgentId">The agent it runs.</param>
/// <param name="Name">A label for operators.</param>
/// <param name="Type">on_demand, recurring, api, event, conditional or cascading.</param>
/// <param name="Priority">The priority of the runs it creates.</param>
/// <param name="Trigger">What fires it.</param>
/// <param name="Resources">Resources of its runs; null for the agent's defaults.</param>
/// <param name="Dependencies">Schedules whose most recent run each new run waits for.</param>
/// <param name="Constraints">Worker label requirements.</param>
/// <param name="Parameters">Parameters handed to every run.</param>
/// <param name="Paused">Whether cron and event firings are stopped.</param>
/// <param name="NextFireTimes">The next five fire times (recurring schedules that are not paused; empty otherwise).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">Grows with every change; send it back on PUT to detect concurrent edits.</param>
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
