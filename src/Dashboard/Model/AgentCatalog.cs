using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;

namespace Scheduler.Dashboard.Model;

/// <summary>The registered agents, by name, kept current from the feed (created, changed and deleted elsewhere).</summary>
public sealed class AgentCatalog(IDashboardClient client) : LiveModel<IReadOnlyList<AgentInfo>>(client)
{
    private readonly Dictionary<int, AgentInfo> _agents = [];
    private List<AgentInfo>? _sorted;

    /// <summary>The agents, by name.</summary>
    public IReadOnlyList<AgentInfo> Items => _sorted ??= [.. _agents.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The agent, if it exists.</summary>
    public AgentInfo? Find(int id) => _agents.GetValueOrDefault(id);

    protected override async Task<(IReadOnlyList<AgentInfo> Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var sequence = await Client.GetFeedSequenceAsync(cancellationToken);
        return (await Client.GetAgentsAsync(cancellationToken), sequence);
    }

    protected override void ApplySnapshot(IReadOnlyList<AgentInfo> snapshot)
    {
        _agents.Clear();
        foreach (var agent in snapshot)
        {
            _agents[agent.Id] = agent;
        }

        _sorted = null;
    }

    protected override void ApplyChange(SchedulerChange change)
    {
        switch (change.Kind)
        {
            case ChangeKind.Agent when change.Agent is { } agent:
                if (!_agents.TryGetValue(agent.Id, out var known) || known.Version <= agent.Version)
                {
                    _agents[agent.Id] = agent;
                    _sorted = null;
                }

                break;
            case ChangeKind.AgentDeleted when change.Id is { } id:
                _sorted = _agents.Remove((int)id) ? null : _sorted;
                break;
        }
    }
}
