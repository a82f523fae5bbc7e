using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// The registered agents, by name, kept current from the feed (created, changed and deleted elsewhere); it also
/// notes which agents' runs changed, so the page can refresh their run counts.
/// </summary>
public sealed class AgentCatalog(IDashboardClient client) : LiveModel<IReadOnlyList<AgentInfo>>(client)
{
    private readonly AgentIndex _agents = new();
    private readonly HashSet<int> _runsChanged = [];

    /// <summary>The agents, by name.</summary>
    public IReadOnlyList<AgentInfo> Items => _agents.Items;

    /// <summary>The agents whose runs changed since the last call.</summary>
    public IReadOnlyList<int> TakeAgentsWithRunChanges()
    {
        var ids = _runsChanged.ToList();
        _runsChanged.Clear();
        return ids;
    }

    protected override async Task<(IReadOnlyList<AgentInfo> Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var sequence = await Client.GetFeedSequenceAsync(cancellationToken);
        return (await Client.GetAgentsAsync(cancellationToken), sequence);
    }

    protected override void ApplySnapshot(IReadOnlyList<AgentInfo> snapshot) => _agents.Reset(snapshot);

    protected override void ApplyChange(SchedulerChange change)
    {
        _agents.Apply(change);
        if (change.Kind == ChangeKind.Run && change.Run is { } run)
        {
            _runsChanged.Add(run.AgentId);
        }
    }
}
