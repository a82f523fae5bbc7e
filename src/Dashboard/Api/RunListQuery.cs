using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>The query string of <c>GET /api/runs</c>. Values arrive as text and are checked by <see cref="ToPage"/>.</summary>
internal sealed class RunListQuery
{
    public const int DefaultTake = 50;
    public const int MaxTake = 500;

    /// <summary>Only runs in these states (repeat the parameter, or separate with commas), e.g. <c>queued</c>, <c>timed_out</c>.</summary>
    [FromQuery(Name = "state")]
    public string[]? State { get; init; }

    /// <summary>Only runs of this priority: critical, high, medium, low or background.</summary>
    [FromQuery(Name = "priority")]
    public string? Priority { get; init; }

    /// <summary>Only runs of this agent.</summary>
    [FromQuery(Name = "agentId")]
    public string? AgentId { get; init; }

    /// <summary>Only runs created by this schedule.</summary>
    [FromQuery(Name = "scheduleId")]
    public string? ScheduleId { get; init; }

    /// <summary>Only runs owned by (or last run on) this worker.</summary>
    [FromQuery(Name = "worker")]
    public string? Worker { get; init; }

    /// <summary>Sort key: id (default), created, started, finished, priority, state or agent.</summary>
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    /// <summary>Largest first (default true).</summary>
    [FromQuery(Name = "desc")]
    public string? Desc { get; init; }

    /// <summary>How many matching runs to skip (default 0).</summary>
    [FromQuery(Name = "skip")]
    public string? Skip { get; init; }

    /// <summary>How many runs to answer, 1 to 500 (default 50).</summary>
    [FromQuery(Name = "take")]
    public string? Take { get; init; }

    /// <summary>Only runs created at or after this time (ISO 8601; UTC unless it names an offset).</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Only runs created before this time (ISO 8601; UTC unless it names an offset).</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>The filter and page the query asks for, or one error per bad parameter.</summary>
    public EngineResult<(RunFilter Filter, int Skip, int Take)> ToPage()
    {
        var errors = new List<EngineError>();
        var states = new List<RunState>();
        foreach (var text in (State ?? []).SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (QueryValues.Enum<RunState>(text, "state", errors) is { } state)
            {
                states.Add(state);
            }
        }

        var filter = new RunFilter
        {
            States = states,
            Priority = QueryValues.Enum<Priority>(Priority, "priority", errors),
            AgentId = QueryValues.OptionalInt(AgentId, "agentId", errors),
            ScheduleId = QueryValues.OptionalInt(ScheduleId, "scheduleId", errors),
            Worker = string.IsNullOrEmpty(Worker) ? null : Worker,
            Sort = QueryValues.Enum<RunSort>(Sort, "sort", errors) ?? RunSort.Id,
            Descending = QueryValues.Bool(Desc, "desc", fallback: true, errors),
            CreatedFrom = Time(From, "from", errors),
            CreatedTo = Time(To, "to", errors),
        };
        if (filter.CreatedFrom >= filter.CreatedTo)
        {
            errors.Add(EngineError.Invalid("from", "from must be before to."));
        }

        var skip = QueryValues.Int(Skip, "skip", 0, int.MaxValue, 0, errors);
        var take = QueryValues.Int(Take, "take", 1, MaxTake, DefaultTake, errors);
        return errors.Count > 0 ? EngineResult.Fail<(RunFilter, int, int)>(errors) : (filter, skip, take);
    }

    private static DateTimeOffset? Time(string? text, string name, List<EngineError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors.Add(EngineError.Invalid(name, $"{name} must be an ISO 8601 time such as 2026-01-31T18:00:00Z (was '{text}')."));
        return null;
    }
}
