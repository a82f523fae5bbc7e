using Scheduler.Engine.Events;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// The schedules with their next fire times, kept current from the feed. The feed carries a schedule's new
/// state but not its fire times, so a change marks the catalog stale and the owner reloads the times
/// (<see cref="RefreshAsync"/>), as it does when the first upcoming fire time has passed.
/// </summary>
public sealed class ScheduleCatalog(IDashboardClient client) : LiveModel<IReadOnlyList<ScheduleView>>(client)
{
    private readonly Dictionary<int, ScheduleView> _schedules = [];
    private List<ScheduleView>? _sorted;
    private bool _stale;

    /// <summary>The schedules, by id.</summary>
    public IReadOnlyList<ScheduleView> Items => _sorted ??= [.. _schedules.Values.OrderBy(s => s.Schedule.Id)];

    /// <summary>The schedule, if it exists.</summary>
    public ScheduleView? Find(int id) => _schedules.GetValueOrDefault(id);

    /// <summary>Whether the fire times should be reloaded: a schedule changed, or an upcoming fire time has passed.</summary>
    public bool NeedsRefresh(DateTimeOffset now) => _stale || _schedules.Values.Any(s => s.NextFireTimes.Count > 0 && s.NextFireTimes[0] <= now);

    /// <summary>Reloads the fire times (and any schedule the feed has not brought yet).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        _stale = false;
        foreach (var view in await Client.GetSchedulesAsync(cancellationToken))
        {
            if (_schedules.TryGetValue(view.Schedule.Id, out var known) && known.Schedule.Version <= view.Schedule.Version)
            {
                _schedules[view.Schedule.Id] = view;
            }
        }

        _sorted = null;
    }

    protected override async Task<(IReadOnlyList<ScheduleView> Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var sequence = await Client.GetFeedSequenceAsync(cancellationToken);
        return (await Client.GetSchedulesAsync(cancellationToken), sequence);
    }

    protected override void ApplySnapshot(IReadOnlyList<ScheduleView> snapshot)
    {
        _schedules.Clear();
        foreach (var view in snapshot)
        {
            _schedules[view.Schedule.Id] = view;
        }

        _sorted = null;
    }

    protected override void ApplyChange(SchedulerChange change)
    {
        switch (change.Kind)
        {
            case ChangeKind.Schedule when change.Schedule is { } schedule:
                if (!_schedules.TryGetValue(schedule.Id, out var known) || known.Schedule.Version <= schedule.Version)
                {
                    _schedules[schedule.Id] = new ScheduleView(schedule, known?.NextFireTimes ?? []);
                    _sorted = null;
                    _stale = true;
                }

                break;
            case ChangeKind.ScheduleDeleted when change.Id is { } id:
                _sorted = _schedules.Remove((int)id) ? null : _sorted;
                break;
        }
    }
}
