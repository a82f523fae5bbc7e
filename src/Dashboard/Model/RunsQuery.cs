using System.Globalization;
using Scheduler.Dashboard.Api;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model;

/// <summary>A preset time window of the runs grid, kept in the address as <c>since=1h</c>.</summary>
/// <param name="Key">The value in the address.</param>
/// <param name="Label">What the filter shows.</param>
/// <param name="Span">How far back it reaches.</param>
public sealed record TimeWindow(string Key, string Label, TimeSpan Span);

/// <summary>
/// The runs grid's filter as it appears in the address (<c>/runs?state=failed&amp;agent=3&amp;since=24h</c>), so a
/// filtered view can be shared: parsed into a <see cref="RunFilter"/> with one message per value that could not be
/// read (such a value is ignored, never guessed), and written back to a query string. Names are the HTTP API's.
/// </summary>
public sealed record RunsQuery
{
    /// <summary>The form dates are written in, UTC.</summary>
    public const string DateFormat = "yyyy-MM-dd HH:mm";

    private static readonly string[] DateFormats = [DateFormat, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd"];

    /// <summary>The preset windows, shortest first.</summary>
    public static IReadOnlyList<TimeWindow> Windows { get; } =
    [
        new("15m", "Last 15 minutes", TimeSpan.FromMinutes(15)),
        new("1h", "Last hour", TimeSpan.FromHours(1)),
        new("24h", "Last 24 hours", TimeSpan.FromHours(24)),
        new("7d", "Last 7 days", TimeSpan.FromDays(7)),
    ];

    /// <summary>Only runs in these states.</summary>
    public IReadOnlyList<RunState> States { get; init; } = [];

    /// <summary>Only runs of this priority.</summary>
    public Priority? Priority { get; init; }

    /// <summary>Only runs of this agent.</summary>
    public int? AgentId { get; init; }

    /// <summary>Only runs that ran on this worker.</summary>
    public string? Worker { get; init; }

    /// <summary>Only runs created within this preset window before now.</summary>
    public TimeWindow? Since { get; init; }

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only runs created before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The sort key.</summary>
    public RunSort Sort { get; init; } = RunSort.Created;

    /// <summary>Newest (largest) first.</summary>
    public bool Descending { get; init; } = true;

    /// <summary>What could not be read from the address, one sentence per value.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Whether any criterion narrows the list.</summary>
    public bool Narrowed => States.Count > 0 || Priority is not null || AgentId is not null || Worker is not null || Since is not null || From is not null || To is not null;

    /// <summary>Reads the address's values; every parameter is optional.</summary>
    public static RunsQuery Parse(string? state, string? priority, string? agent, string? worker, string? since, string? from, string? to, string? sort, string? desc)
    {
        var errors = new List<string>();
        var states = new List<RunState>();
        foreach (var text in (state ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (WireNames.TryParse<RunState>(text, out var value))
            {
                states.Add(value);
            }
            else
            {
                errors.Add($"Unknown state '{text}': use {WireNames.OneOf(typeof(RunState))}.");
            }
        }

        var query = new RunsQuery
        {
            States = [.. states.Distinct()],
            Priority = ParseEnum<Priority>(priority, "priority", errors),
            AgentId = ParseAgent(agent, errors),
            Worker = string.IsNullOrWhiteSpace(worker) ? null : worker.Trim(),
            Since = ParseWindow(since, errors),
            From = ParseDate(from, "from", errors),
            To = ParseDate(to, "to", errors),
            Sort = ParseEnum<RunSort>(sort, "sort", errors) ?? RunSort.Created,
            Descending = ParseBool(desc, errors),
        };
        if (query.From is { } start && query.To is { } end && start >= end)
        {
            errors.Add($"The time range is empty: 'from' ({Format(start)}) must be before 'to' ({Format(end)}). The range was ignored.");
            query = query with { From = null, To = null };
        }

        return query with { Errors = errors };
    }

    /// <summary>The engine's filter, with the preset window measured back from <paramref name="now"/>.</summary>
    public RunFilter ToFilter(DateTimeOffset now)
    {
        var from = From;
        if (Since is { } window && (from is null || now - window.Span > from))
        {
            from = now - window.Span;
        }

        return new RunFilter { States = States, Priority = Priority, AgentId = AgentId, Worker = Worker, CreatedFrom = from, CreatedTo = To, Sort = Sort, Descending = Descending };
    }

    /// <summary>The query string (without '?') that reads back as this query; defaults are left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        Add("state", States.Count == 0 ? null : string.Join(',', States.Select(WireNames.Of)));
        Add("priority", Priority is { } p ? WireNames.Of(p) : null);
        Add("agent", AgentId?.ToString(CultureInfo.InvariantCulture));
        Add("worker", Worker);
        Add("since", Since?.Key);
        Add("from", From is { } f ? Format(f) : null);
        Add("to", To is { } t ? Format(t) : null);
        Add("sort", Sort == RunSort.Created ? null : WireNames.Of(Sort));
        Add("desc", Descending ? null : "false");
        return string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    /// <summary>A time as the filter shows and reads it (UTC).</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a time typed in the filter (UTC); null when it is not one.</summary>
    public static DateTimeOffset? TryReadDate(string? text) =>
        DateTimeOffset.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    private static DateTimeOffset? ParseDate(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TryReadDate(text) is { } value || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return value.ToUniversalTime();
        }

        errors.Add($"'{text}' is not a time for '{name}': write it as {DateFormat} (UTC).");
        return null;
    }

    private static TimeWindow? ParseWindow(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var window = Windows.FirstOrDefault(w => string.Equals(w.Key, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (window is null)
        {
            errors.Add($"Unknown time window '{text}': use one of {string.Join(", ", Windows.Select(w => w.Key))}.");
        }

        return window;
    }

    private static int? ParseAgent(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        errors.Add($"'{text}' is not an agent id: 'agent' takes the agent's number.");
        return null;
    }

    private static T? ParseEnum<T>(string? text, string name, List<string> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (WireNames.TryParse<T>(text.Trim(), out var value))
        {
            return value;
        }

        errors.Add($"Unknown {name} '{text}': use {WireNames.OneOf(typeof(T))}.");
        return null;
    }

    private static bool ParseBool(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"'{text}' is not true or false for 'desc'.");
        return true;
    }
}
