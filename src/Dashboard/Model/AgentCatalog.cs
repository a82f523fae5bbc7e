using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;

namespace Scheduler.Dashboard.Model;

/// <summary>The registered agents, by name, kept current from the feed (created, changed and deleted elsewhere).</summary>
public sealed class AgentCatalog(IDashboardClient client) : LiveModel<IReadOnlyList<AgentInfo>>(client)
{
    private readonly AgentIndex _agents = new();

    /// <summary>The agents, by name.</summary>
    public IReadOnlyList<AgentInfo> Items => _agents.Items;

    protected override async Task<(IReadOnlyList<AgentInfo> Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var sequence = await Client.GetFeedSequenceAsync(cancellationToken);
        return (await Client.GetAgentsAsync(cancellationToken), sequence);
    }

    protected override void ApplySnapshot(IReadOnlyList<AgentInfo> snapshot) => _agents.Reset(snapshot);

    protected override void ApplyChange(SchedulerChange change) => _agents.Apply(change);
}
