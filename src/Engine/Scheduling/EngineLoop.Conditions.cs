using System.Globalization;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Schedules that fire on something other than the clock: cascading schedules (a run of the upstream schedule
/// succeeded) and conditional schedules (a sensor value crossed its threshold, or a worker's free resources
/// reached an amount). Conditions are edge-triggered: a schedule fires when its condition becomes true and is
/// re-armed only once it was false again.
/// </summary>
internal sealed partial class EngineLoop
{
    private readonly Dictionary<string, double> _sensors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, bool> _conditionWasTrue = [];

    /// <summary>A sensor reading: fires the conditional schedules whose condition this value makes true.</summary>
    public EngineResult<IReadOnlyList<RunSnapshot>> PostSensor(string name, double value, Actor actor)
    {
        if (!ScheduleValidator.IsEventName(name))
        {
            return EngineError.Invalid("name", "A sensor name is 1 to 100 letters, digits, '.', '_', ':' or '-'.");
        }

        if (!double.IsFinite(value))
        {
            return EngineError.Invalid("value", "A sensor value must be a number.");
        }

        _sensors[name] = value;
        var fired = new List<RunSnapshot>();
        foreach (var schedule in ConditionalSchedules().Where(s => string.Equals(s.Definition.Trigger.Condition!.Sensor, name, StringComparison.OrdinalIgnoreCase)))
        {
            FireOnEdge(schedule, SensorSatisfied(schedule.Definition.Trigger.Condition!, value), actor, fired);
        }

        return fired;
    }

    /// <summary>Evaluated after every batch: resource conditions can change whenever a run starts or ends.</summary>
    private void EvaluateResourceConditions()
    {
        foreach (var schedule in ConditionalSchedules().Where(s => s.Definition.Trigger.Condition!.FreeResources is not null).ToList())
        {
            var need = schedule.Definition.Trigger.Condition!.FreeResources!.Value;
            var satisfied = _workers.All.Any(w => w.AcceptsWork && need.FitsWithin(w.Free));
            FireOnEdge(schedule, satisfied, new Actor(ActorKind.Schedule, $"schedule-{schedule.Id}"), fired: null);
        }
    }

    private void FireOnEdge(ScheduleInfo schedule, bool satisfied, Actor actor, List<RunSnapshot>? fired)
    {
        var condition = schedule.Definition.Trigger.Condition!;
        satisfied = satisfied && InWindow(condition, schedule.Definition.Trigger.TimeZone);
        var wasTrue = _conditionWasTrue.GetValueOrDefault(schedule.Id);
        _conditionWasTrue[schedule.Id] = satisfied;
        if (satisfied && !wasTrue && FireSchedule(schedule.Id, TriggerType.Sensor, null, actor) is { Succeeded: true } run)
        {
            fired?.Add(run.Value!);
        }
    }

    /// <summary>Fires the cascading schedules of the schedule whose run just succeeded.</summary>
    private void FireCascades(RunRecord succeeded)
    {
        if (succeeded.ScheduleId is not { } upstream)
        {
            return;
        }

        foreach (var schedule in _schedules.Values.Where(s => s.Definition.Type == ScheduleType.Cascading && !s.Paused && s.Definition.Trigger.UpstreamScheduleId == upstream).OrderBy(s => s.Id).ToList())
        {
            var parameters = new Dictionary<string, string> { ["UPSTREAM_RUN_ID"] = succeeded.Id.ToString(CultureInfo.InvariantCulture) };
            FireSchedule(schedule.Id, TriggerType.Dependency, parameters, new Actor(ActorKind.Schedule, $"schedule-{schedule.Id}"));
        }
    }

    /// <summary>The cycle the schedules' cascades and dependencies would form with this change, if any.</summary>
    private EngineError? ScheduleCycle(int? id, ScheduleDefinition definition)
    {
        var edges = new List<(int, int)>();
        foreach (var schedule in _schedules.Values.Where(s => s.Id != id))
        {
            edges.AddRange(EdgesOf(schedule.Id, schedule.Definition));
        }

        edges.AddRange(EdgesOf(id ?? 0, definition));
        return DependencyGraph.FindCycle(edges) is { } cycle
            ? EngineError.Invalid(definition.Type == ScheduleType.Cascading ? "trigger.upstreamScheduleId" : "dependencies",
                $"Schedules would cascade or depend on each other in a cycle: {string.Join(" → ", cycle.Select(s => s == 0 ? "this schedule" : $"schedule {s}"))}.")
            : null;

        static IEnumerable<(int, int)> EdgesOf(int id, ScheduleDefinition definition) =>
            definition.Dependencies.Select(d => (id, d))
                .Concat(definition.Trigger.UpstreamScheduleId is { } upstream ? [(id, upstream)] : []);
    }

    private IEnumerable<ScheduleInfo> ConditionalSchedules() =>
        _schedules.Values.Where(s => s.Definition.Type == ScheduleType.Conditional && !s.Paused && s.Definition.Trigger.Condition is not null);

    private static bool SensorSatisfied(ScheduleCondition condition, double value) =>
        (condition.Above is not { } above || value > above) && (condition.Below is not { } below || value < below);

    private bool InWindow(ScheduleCondition condition, string? timeZone)
    {
        if (condition.WindowStart is null || condition.WindowEnd is null)
        {
            return true;
        }

        var zone = CronSchedule.FindTimeZone(timeZone) ?? TimeZoneInfo.Utc;
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(_now, zone).DateTime);
        var start = TimeOnly.ParseExact(condition.WindowStart, "HH:mm", CultureInfo.InvariantCulture);
        var end = TimeOnly.ParseExact(condition.WindowEnd, "HH:mm", CultureInfo.InvariantCulture);
        return start <= end ? local >= start && local < end : local >= start || local < end;
    }
}
