using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Agents;

/// <summary>The agents registry.</summary>
public interface IAgentService
{
    /// <summary>Every registered agent, by name.</summary>
    Task<IReadOnlyList<AgentInfo>> ListAsync();

    /// <summary>One agent, or null.</summary>
    Task<AgentInfo?> GetAsync(int id);

    /// <summary>Registers an agent; refused with every validation error, or a conflict when the name is taken.</summary>
    Task<EngineResult<AgentInfo>> CreateAsync(AgentDefinition definition);

    /// <summary>Replaces an agent's definition; queued runs keep the definition they were created with.</summary>
    Task<EngineResult<AgentInfo>> UpdateAsync(int id, AgentDefinition definition, long? expectedVersion = null);

    /// <summary>Deletes an agent that no schedule uses and that has no unfinished run; its history stays.</summary>
    Task<EngineResult<AgentInfo>> DeleteAsync(int id);
}

internal sealed class AgentService(EngineLoop engine) : IAgentService
{
    public Task<IReadOnlyList<AgentInfo>> ListAsync() => engine.InvokeAsync(engine.ListAgents);

    public Task<AgentInfo?> GetAsync(int id) => engine.InvokeAsync(() => engine.GetAgent(id));

    public Task<EngineResult<AgentInfo>> CreateAsync(AgentDefinition definition) => engine.InvokeAsync(() => engine.CreateAgent(definition));

    public Task<EngineResult<AgentInfo>> UpdateAsync(int id, AgentDefinition definition, long? expectedVersion = null) =>
        engine.InvokeAsync(() => engine.UpdateAgent(id, definition, expectedVersion));

    public Task<EngineResult<AgentInfo>> DeleteAsync(int id) => engine.InvokeAsync(() => engine.DeleteAgent(id));
}
