using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Model;

/// <summary>What the Schedules page loads: the agents (to name and choose them) and the schedules.</summary>
/// <param name="Agents">Every agent.</param>
/// <param name="Schedules">Every schedule with its next fire times.</param>
public sealed record ScheduleCatalogSnapshot(IReadOnlyList<AgentInfo> Agents, IReadOnlyList<ScheduleView> Schedules);

/// <summary>
/// The schedules with their next fire times, and the agents they run, kept current from one feed subscription. The feed carries a schedule's new
/// state but not its fire times, so a change marks the catalog stale and the owner reloads the times
/// (<see cref="RefreshAsync"/>), as it does when the first upcoming fire time has passed.
/// </summary>
public sealed class ScheduleCatalog(IDashboardClient client) : LiveModel<ScheduleCatalogSnapshot>(client)
{
    private readonly Dictionary<int, ScheduleView> _schedules = [];
    private readonly AgentIndex _agents = new();
    private List<ScheduleView>? _sorted;
    private bool _stale;

    /// <summary>The agents, by name.</summary>
    public IReadOnlyList<AgentInfo> Agents => _agents.Items;

    /// <summary>The agent, if it exists.</summary>
    public AgentInfo? FindAgent(int id) => _agents.Find(id);

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

    protected override async Task<(ScheduleCatalogSnapshot Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var sequence = await Client.GetFeedSequenceAsync(cancellationToken);
        var agents = await Client.GetAgentsAsync(cancellationToken);
        return (new ScheduleCatalogSnapshot(agents, await Client.GetSchedulesAsync(cancellationToken)), sequence);
    }

    protected override void ApplySnapshot(ScheduleCatalogSnapshot snapshot)
    {
        _agents.Reset(snapshot.Agents);
        _schedules.Clear();
        foreach (var view in snapshot.Schedules)
        {
            _schedules[view.Schedule.Id] = view;
        }

        _sorted = null;
    }

    protected override void ApplyChange(SchedulerChange change)
    {
        _agents.Apply(change);
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
