using Microsoft.EntityFrameworkCore;
using Scheduler.Engine.Events;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Scheduling;

/// <summary>
/// Schedule commands. The schedules table is the truth; Quartz holds only the cron triggers that fire them and is
/// brought in line after each change commits (see <see cref="QuartzScheduleSync"/>). A firing becomes a run here.
/// </summary>
internal sealed partial class EngineLoop
{
    public IReadOnlyList<ScheduleInfo> ListSchedules() => [.. _schedules.Values.OrderBy(s => s.Id)];

    public ScheduleInfo? GetSchedule(int id) => _schedules.GetValueOrDefault(id);

    public EngineResult<ScheduleInfo> CreateSchedule(ScheduleDefinition definition)
    {
        var errors = ScheduleValidator.Validate(definition, null, _agents.ContainsKey, _schedules.ContainsKey, _workers);
        if (errors.Count == 0 && ScheduleCycle(null, definition) is { } cycle)
        {
            errors.Add(cycle);
        }

        if (errors.Count > 0)
        {
            return EngineResult.Fail<ScheduleInfo>(errors);
        }

        var schedule = new ScheduleInfo(0, definition, Paused: false, _now, _now, 1);
        var id = _store.WithContext(db =>
        {
            var entity = new ScheduleEntity { DependenciesJson = "[]", ConstraintsJson = "[]", ParametersJson = "{}" };
            EntityMapping.Apply(entity, schedule);
            db.Schedules.Add(entity);
            db.SaveChanges();
            return entity.Id;
        });
        schedule = schedule with { Id = id };
        _schedules[id] = schedule;
        AnnounceSchedule(schedule);
        return schedule;
    }

    public EngineResult<ScheduleInfo> UpdateSchedule(int id, ScheduleDefinition definition, long? expectedVersion)
    {
        if (!_schedules.TryGetValue(id, out var current))
        {
            return EngineError.NotFound($"Schedule {id} does not exist.");
        }

        if (expectedVersion is { } version && version != current.Version)
        {
            return EngineError.Conflict($"Schedule {id} was changed by someone else (version {current.Version}, you edited {version}); reload it and try again.");
        }

        var errors = ScheduleValidator.Validate(definition, id, _agents.ContainsKey, _schedules.ContainsKey, _workers);
        if (errors.Count == 0 && ScheduleCycle(id, definition) is { } cycle)
        {
            errors.Add(cycle);
        }

        if (errors.Count > 0)
        {
            return EngineResult.Fail<ScheduleInfo>(errors);
        }

        _conditionWasTrue.Remove(id);
        return SaveSchedule(current with { Definition = definition });
    }

    public EngineResult<ScheduleInfo> SetSchedulePaused(int id, bool paused)
    {
        if (!_schedules.TryGetValue(id, out var current))
        {
            return EngineError.NotFound($"Schedule {id} does not exist.");
        }

        return current.Paused == paused ? current : SaveSchedule(current with { Paused = paused });
    }

    public EngineResult<ScheduleInfo> DeleteSchedule(int id)
    {
        if (!_schedules.TryGetValue(id, out var schedule))
        {
            return EngineError.NotFound($"Schedule {id} does not exist.");
        }

        var dependents = _schedules.Values.Where(s => s.Definition.Dependencies.Contains(id) || s.Definition.Trigger.UpstreamScheduleId == id).Select(s => s.Id).Order().ToList();
        if (dependents.Count > 0)
        {
            return EngineError.Conflict($"Schedule(s) {string.Join(", ", dependents)} depend on schedule {id}; change them first.");
        }

        var at = Time.ToMs(_now);
        _store.WithContext(db => db.Schedules.Where(s => s.Id == id).ExecuteUpdate(s => s.SetProperty(x => x.DeletedAt, at).SetProperty(x => x.Version, x => x.Version + 1)));
        _schedules.Remove(id);
        var when = _now;
        Announce(sequence => new SchedulerChange { Sequence = sequence, At = when, Kind = ChangeKind.ScheduleDeleted, Id = id });
        return schedule;
    }

    /// <summary>
    /// A schedule fires: a run of its agent is created with its priority, resources, constraints and parameters
    /// (the trigger's parameters override the schedule's). It waits for the most recent run of each schedule it
    /// depends on; a dependency schedule that has never run is not waited for. Cron and event firings of a paused
    /// schedule are skipped; an operator's or a program's explicit trigger still runs it.
    /// </summary>
    public EngineResult<RunSnapshot> FireSchedule(int id, TriggerType trigger, IReadOnlyDictionary<string, string>? parameters, Actor actor)
    {
        if (!_schedules.TryGetValue(id, out var schedule))
        {
            return EngineError.NotFound($"Schedule {id} does not exist.");
        }

        if (schedule.Paused && trigger is TriggerType.Cron or TriggerType.Event or TriggerType.Sensor or TriggerType.Dependency)
        {
            return EngineError.Conflict($"Schedule {id} is paused.");
        }

        var definition = schedule.Definition;
        var dependsOn = new List<long>();
        foreach (var upstream in definition.Dependencies.Distinct())
        {
            if (_store.LatestRunOf(upstream) is { } latest)
            {
                dependsOn.Add(latest.Id);
            }
        }

        var merged = new Dictionary<string, string>(definition.Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }

        return CreateRun(new RunRequest
        {
            AgentId = definition.AgentId,
            Priority = definition.Priority,
            Resources = definition.Resources,
            Constraints = definition.Constraints,
            Parameters = merged,
            DependsOn = dependsOn,
            ScheduleId = id,
            Trigger = trigger,
            Actor = actor,
        });
    }

    /// <summary>A named event fires every active event schedule subscribed to it (names compare case-insensitively).</summary>
    public EngineResult<IReadOnlyList<RunSnapshot>> PostEvent(string name, IReadOnlyDictionary<string, string>? parameters, Actor actor)
    {
        if (!ScheduleValidator.IsEventName(name))
        {
            return EngineError.Invalid("name", "An event name is 1 to 100 letters, digits, '.', '_', ':' or '-'.");
        }

        var runs = new List<RunSnapshot>();
        var errors = new List<EngineError>();
        foreach (var schedule in _schedules.Values.Where(s => s.Definition.Type == ScheduleType.Event && !s.Paused
                     && string.Equals(s.Definition.Trigger.Event, name, StringComparison.OrdinalIgnoreCase)).OrderBy(s => s.Id))
        {
            var fired = FireSchedule(schedule.Id, TriggerType.Event, parameters, actor);
            if (fired.Succeeded)
            {
                runs.Add(fired.Value!);
            }
            else
            {
                errors.AddRange(fired.Errors);
            }
        }

        return runs.Count == 0 && errors.Count > 0 ? EngineResult.Fail<IReadOnlyList<RunSnapshot>>(errors) : runs;
    }

    private ScheduleInfo SaveSchedule(ScheduleInfo changed)
    {
        var updated = changed with { UpdatedAt = _now, Version = changed.Version + 1 };
        _store.WithContext(db =>
        {
            var entity = db.Schedules.Single(s => s.Id == updated.Id);
            EntityMapping.Apply(entity, updated);
            return db.SaveChanges();
        });
        _schedules[updated.Id] = updated;
        AnnounceSchedule(updated);
        return updated;
    }

    private void AnnounceSchedule(ScheduleInfo schedule)
    {
        var when = _now;
        Announce(sequence => new SchedulerChange { Sequence = sequence, At = when, Kind = ChangeKind.Schedule, Schedule = schedule });
    }
}
