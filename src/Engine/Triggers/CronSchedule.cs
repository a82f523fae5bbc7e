using Quartz;

namespace Scheduler.Engine.Triggers;

/// <summary>Cron expressions (Quartz syntax, with seconds) and time zones: validation and fire-time previews.</summary>
public static class CronSchedule
{
    /// <summary>Why the expression is invalid, or null when Quartz accepts it.</summary>
    public static string? Problem(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "A cron expression is required, e.g. '0 */5 * * * ?' (seconds minutes hours day-of-month month day-of-week).";
        }

        try
        {
            _ = CronExpression.Parse(cron);
            return null;
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            return $"Invalid cron expression: {error.Message}";
        }
    }

    /// <summary>Resolves an IANA or Windows time zone id; UTC when empty. Null when unknown.</summary>
    public static TimeZoneInfo? FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    /// <summary>The time zones a schedule may name: the system's zones (IANA ids on Linux and macOS), UTC first, then by id.</summary>
    public static IReadOnlyList<TimeZoneInfo> TimeZones() =>
        [TimeZoneInfo.Utc, .. TimeZoneInfo.GetSystemTimeZones().Where(z => z.Id != TimeZoneInfo.Utc.Id).OrderBy(z => z.Id, StringComparer.Ordinal)];

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="after"/>, in UTC; empty when the expression never fires again.</summary>
    public static IReadOnlyList<DateTimeOffset> NextFireTimes(string cron, string? timeZone, DateTimeOffset after, int count)
    {
        var expression = new CronExpression(cron, FindTimeZone(timeZone) ?? TimeZoneInfo.Utc);
        var times = new List<DateTimeOffset>(count);
        var cursor = after;
        while (times.Count < count && expression.GetNextValidTimeAfter(cursor) is { } next)
        {
            times.Add(next);
            cursor = next;
        }

        return times;
    }
}
