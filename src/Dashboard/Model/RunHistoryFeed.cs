using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Model;

/// <summary>What the runs grid's filters offer: the workers and the agents the engine knows.</summary>
/// <param name="Workers">The workers.</param>
/// <param name="Agents">The registered agents.</param>
public sealed record RunHistoryChoices(IReadOnlyList<WorkerSnapshot> Workers, IReadOnlyList<AgentInfo> Agents);

/// <summary>
/// What the runs grid follows from the feed: the workers and agents its filters offer, and whether any run
/// changed since the grid last loaded its page. The grid itself is a page of a server-side query, so it
/// reloads rather than patching rows.
/// </summary>
public sealed class RunHistoryFeed(IDashboardClient client) : LiveModel<RunHistoryChoices>(client)
{
    private readonly SortedSet<string> _workers = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, AgentInfo> _agents = [];

    /// <summary>The workers the engine knows, by id.</summary>
    public IReadOnlyCollection<string> Workers => _workers;

    /// <summary>The registered agents, by id.</summary>
    public IEnumerable<AgentInfo> Agents => _agents.Values;

    /// <summary>Whether a run changed since <see cref="TakeRunsChanged"/> was last called.</summary>
    public bool RunsChanged { get; private set; }

    /// <summary>An agent's name, or null when it is not known.</summary>
    public string? AgentName(int id) => _agents.GetValueOrDefault(id)?.Name;

    /// <summary>Reads and clears <see cref="RunsChanged"/>.</summary>
    public bool TakeRunsChanged()
    {
        var changed = RunsChanged;
        RunsChanged = false;
        return changed;
    }

    /// <inheritdoc />
    protected override async Task<(RunHistoryChoices Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        var (sequence, workers) = await Client.GetWorkersAsync(cancellationToken);
        var agents = await Client.GetAgentsAsync(cancellationToken);
        return (new RunHistoryChoices(workers, agents), sequence);
    }

    /// <inheritdoc />
    protected override void ApplySnapshot(RunHistoryChoices snapshot)
    {
        _workers.Clear();
        _workers.UnionWith(snapshot.Workers.Select(w => w.Id));
        _agents.Clear();
        foreach (var agent in snapshot.Agents)
        {
            _agents[agent.Id] = agent;
        }

        RunsChanged = true;
    }

    /// <inheritdoc />
    protected override void ApplyChange(SchedulerChange change)
    {
        switch (change.Kind)
        {
            case ChangeKind.Run:
                RunsChanged = true;
                break;
            case ChangeKind.Worker when change.Worker is { } worker:
                _workers.Add(worker.Id);
                break;
            case ChangeKind.Agent when change.Agent is { } agent:
                _agents[agent.Id] = agent;
                break;
            case ChangeKind.AgentDeleted when change.Id is { } id:
                _agents.Remove((int)id);
                break;
        }
    }
}
