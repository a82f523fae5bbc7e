using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Model;

/// <summary>The schedules' half of the graph: cascades and dependencies between schedules, kept current from the feed.</summary>
public sealed partial class DependencyGraph
{
    private void ApplySchedule(ScheduleInfo schedule)
    {
        var definition = schedule.Definition;
        _schedules[schedule.Id] = new GraphSchedule(schedule.Id, definition.Name ?? $"schedule {schedule.Id}", definition.Type, schedule.Paused);
        _scheduleEdges.RemoveAll(e => e.Schedule == schedule.Id);
        _scheduleEdges.AddRange(definition.Dependencies.Select(upstream => new GraphScheduleEdge(schedule.Id, upstream, Cascade: false)));
        if (definition.Trigger.UpstreamScheduleId is { } cascadeFrom)
        {
            _scheduleEdges.Add(new GraphScheduleEdge(schedule.Id, cascadeFrom, Cascade: true));
        }

        _schedulesChanged = true;
    }

    private void RemoveSchedule(int scheduleId)
    {
        _schedules.Remove(scheduleId);
        _scheduleEdges.RemoveAll(e => e.Schedule == scheduleId || e.Upstream == scheduleId);
        _schedulesChanged = true;
    }
}

/// <summary>What changed in a <see cref="DependencyGraph"/> since the view last drew it.</summary>
/// <param name="Redraw">The whole graph was reloaded: draw it again.</param>
/// <param name="SchedulesChanged">A schedule or a cascade changed.</param>
/// <param name="Changed">Runs already drawn whose state or priority changed.</param>
/// <param name="Added">Runs new to the graph.</param>
/// <param name="AddedEdges">Edges new to the graph.</param>
public sealed record GraphChanges(bool Redraw, bool SchedulesChanged, IReadOnlyList<GraphRun> Changed, IReadOnlyList<GraphRun> Added, IReadOnlyList<GraphEdge> AddedEdges)
{
    /// <summary>Whether any run or edge changed.</summary>
    public bool HasRunChanges => Changed.Count > 0 || Added.Count > 0 || AddedEdges.Count > 0;
}

/// <summary>What keeps a run waiting.</summary>
/// <param name="Runs">The unfinished runs it waits for, directly or through each other, by id.</param>
/// <param name="Edges">The dependencies along which it waits.</param>
public sealed record BlockingPath(IReadOnlyCollection<long> Runs, IReadOnlyList<GraphEdge> Edges);
