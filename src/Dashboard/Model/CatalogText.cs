using System.Globalization;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Model;

/// <summary>How agents and schedules read on screen: command lines, retry policies, trigger summaries, fire times.</summary>
public static class CatalogText
{
    /// <summary>"subprocess" or "builtin".</summary>
    public static string Environment(ExecutionEnvironment environment) => environment.ToString().ToLowerInvariant();

    /// <summary>The command and its arguments, each argument quoted when it holds a space (for reading, never for a shell).</summary>
    public static string CommandLine(AgentDefinition agent) =>
        string.Join(' ', agent.Args.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a).Prepend(agent.Command));

    /// <summary>"no retry" or "3 attempts, 5 s backoff".</summary>
    public static string Retry(RetryPolicy retry) => retry.Attempts <= 1
        ? "no retry"
        : $"{retry.Attempts} attempts, {retry.BackoffSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s backoff";

    /// <summary>The wire name of a schedule type: on_demand, recurring, api, event, conditional, cascading.</summary>
    public static string Type(ScheduleType type) => type == ScheduleType.OnDemand ? "on_demand" : type.ToString().ToLowerInvariant();

    /// <summary>What fires a schedule, in one line.</summary>
    public static string Trigger(ScheduleDefinition schedule, Func<int, string> scheduleName)
    {
        var trigger = schedule.Trigger;
        return schedule.Type switch
        {
            ScheduleType.Recurring => $"cron {trigger.Cron} · {Zone(trigger.TimeZone)} · misfire: {(trigger.Misfire == MisfirePolicy.Skip ? "skip" : "fire once now")}",
            ScheduleType.Event => $"when event '{trigger.Event}' is posted",
            ScheduleType.Cascading => trigger.UpstreamScheduleId is { } upstream ? $"after each success of {scheduleName(upstream)}" : "after an upstream schedule",
            ScheduleType.Conditional => Condition(trigger),
            ScheduleType.Api => "when a program calls the API",
            _ => "on demand (trigger now)",
        };
    }

    /// <summary>A fire time in a zone, e.g. "Mon 2026-12-07 09:30:00 (+01:00)".</summary>
    public static string FireTime(DateTimeOffset utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local.ToString("ddd yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} ({sign}{offset.Duration():hh\\:mm})";
    }

    /// <summary>A fire time in a zone without the year, for lists, e.g. "Mon 12-07 09:30:00 +01:00".</summary>
    public static string ShortFireTime(DateTimeOffset utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        var sign = local.Offset < TimeSpan.Zero ? "-" : "+";
        return $"{local.ToString("ddd MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {sign}{local.Offset.Duration():hh\\:mm}";
    }

    private static string Zone(string? zone) => string.IsNullOrWhiteSpace(zone) ? "UTC" : zone;

    private static string Condition(ScheduleTrigger trigger)
    {
        if (trigger.Condition is not { } condition)
        {
            return "when a condition becomes true";
        }

        var what = condition.FreeResources is { } free
            ? $"when a worker has {Describe.Resources(free)} free"
            : $"when sensor '{condition.Sensor}' is{Threshold(" above", condition.Above)}{(condition.Above is not null && condition.Below is not null ? " and" : string.Empty)}{Threshold(" below", condition.Below)}";
        return condition.WindowStart is not null ? $"{what}, {condition.WindowStart}–{condition.WindowEnd} {Zone(trigger.TimeZone)}" : what;
    }

    private static string Threshold(string label, double? value) =>
        value is { } number ? $"{label} {number.ToString("0.###", CultureInfo.InvariantCulture)}" : string.Empty;
}
