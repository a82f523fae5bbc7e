using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;

namespace Scheduler.Dashboard.Model;

/// <summary>Agents by id, sorted by name on demand; applies the feed's agent changes (newer versions only).</summary>
public sealed class AgentIndex
{
    private readonly Dictionary<int, AgentInfo> _agents = [];
    private List<AgentInfo>? _sorted;

    /// <summary>The agents, by name.</summary>
    public IReadOnlyList<AgentInfo> Items => _sorted ??= [.. _agents.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The agent, if it exists.</summary>
    public AgentInfo? Find(int id) => _agents.GetValueOrDefault(id);

    /// <summary>Replaces every agent.</summary>
    public void Reset(IEnumerable<AgentInfo> agents)
    {
        _agents.Clear();
        foreach (var agent in agents)
        {
            _agents[agent.Id] = agent;
        }

        _sorted = null;
    }

    /// <summary>Applies an agent change or deletion; other changes are ignored.</summary>
    public void Apply(SchedulerChange change)
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
