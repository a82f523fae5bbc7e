using Microsoft.EntityFrameworkCore;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Scheduling;

/// <summary>Agent registry commands. Agents change rarely; they are written through EF Core in the batch's transaction.</summary>
internal sealed partial class EngineLoop
{
    public IReadOnlyList<AgentInfo> ListAgents() => [.. _agents.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];

    public AgentInfo? GetAgent(int id) => _agents.GetValueOrDefault(id);

    public EngineResult<AgentInfo> CreateAgent(AgentDefinition definition)
    {
        var errors = AgentValidator.Validate(definition, _workers);
        if (errors.Count > 0)
        {
            return EngineResult.Fail<AgentInfo>(errors);
        }

        if (NameTaken(definition.Name, exceptId: null) is { } other)
        {
            return new EngineError(EngineErrorKind.Conflict, $"An agent named '{other.Name}' already exists (id {other.Id}).", "name");
        }

        var agent = new AgentInfo(0, definition, _now, _now, 1);
        var id = _store.WithContext(db =>
        {
            var entity = new AgentEntity { Name = definition.Name, Command = definition.Command, ArgsJson = "[]", EnvironmentJson = "{}" };
            EntityMapping.Apply(entity, agent);
            db.Agents.Add(entity);
            db.SaveChanges();
            return entity.Id;
        });
        agent = agent with { Id = id };
        _agents[id] = agent;
        _agentNames[id] = agent.Name;
        AnnounceAgent(agent);
        return agent;
    }

    public EngineResult<AgentInfo> UpdateAgent(int id, AgentDefinition definition, long? expectedVersion)
    {
        if (!_agents.TryGetValue(id, out var current))
        {
            return EngineError.NotFound($"Agent {id} does not exist.");
        }

        if (expectedVersion is { } version && version != current.Version)
        {
            return EngineError.Conflict($"Agent {id} was changed by someone else (version {current.Version}, you edited {version}); reload it and try again.");
        }

        var errors = AgentValidator.Validate(definition, _workers);
        if (errors.Count > 0)
        {
            return EngineResult.Fail<AgentInfo>(errors);
        }

        if (NameTaken(definition.Name, exceptId: id) is { } other)
        {
            return new EngineError(EngineErrorKind.Conflict, $"An agent named '{other.Name}' already exists (id {other.Id}).", "name");
        }

        var updated = current with { Definition = definition, UpdatedAt = _now, Version = current.Version + 1 };
        _store.WithContext(db =>
        {
            var entity = db.Agents.Single(a => a.Id == id);
            EntityMapping.Apply(entity, updated);
            return db.SaveChanges();
        });
        _agents[id] = updated;
        _agentNames[id] = updated.Name;
        AnnounceAgent(updated);
        return updated;
    }

    public EngineResult<AgentInfo> DeleteAgent(int id)
    {
        if (!_agents.TryGetValue(id, out var agent))
        {
            return EngineError.NotFound($"Agent {id} does not exist.");
        }

        var active = _runs.Values.Count(r => r.AgentId == id);
        if (active > 0)
        {
            return EngineError.Conflict($"Agent '{agent.Name}' has {active} run(s) pending, queued or running; cancel them first.");
        }

        var schedules = _schedules.Values.Where(s => s.Definition.AgentId == id).Select(s => s.Id).Order().ToList();
        if (schedules.Count > 0)
        {
            return EngineError.Conflict($"Agent '{agent.Name}' is used by schedule(s) {string.Join(", ", schedules)}; delete them first.");
        }

        var at = Time.ToMs(_now);
        _store.WithContext(db => db.Agents.Where(a => a.Id == id).ExecuteUpdate(a => a.SetProperty(x => x.DeletedAt, at).SetProperty(x => x.Version, x => x.Version + 1)));
        _agents.Remove(id);
        var when = _now;
        Announce(sequence => new SchedulerChange { Sequence = sequence, At = when, Kind = ChangeKind.AgentDeleted, Id = id });
        return agent;
    }

    private AgentInfo? NameTaken(string name, int? exceptId) =>
        _agents.Values.FirstOrDefault(a => a.Id != exceptId && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    private void AnnounceAgent(AgentInfo agent)
    {
        var when = _now;
        Announce(sequence => new SchedulerChange { Sequence = sequence, At = when, Kind = ChangeKind.Agent, Agent = agent });
    }
}
