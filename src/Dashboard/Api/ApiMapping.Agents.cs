using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

public static partial class ApiMapping
{
    // Only read for its defaults, so omitted request fields mean exactly what they mean to the engine.
    private static readonly AgentDefinition AgentDefaults = new() { Name = string.Empty, Command = string.Empty };

    /// <summary>The engine definition a request describes, or the amounts that are not numbers the engine can take.</summary>
    public static EngineResult<AgentDefinition> ToDefinition(this AgentRequest request)
    {
        var errors = new List<EngineError>();
        var resources = request.Resources is { } amounts ? ToVector(amounts, "resources", errors) : AgentDefaults.Resources;
        if (errors.Count > 0)
        {
            return EngineResult.Fail<AgentDefinition>(errors);
        }

        return new AgentDefinition
        {
            Name = request.Name ?? string.Empty,
            Description = request.Description,
            ExecutionEnvironment = request.ExecutionEnvironment,
            Command = request.Command ?? string.Empty,
            Args = request.Args,
            WorkingDirectory = request.WorkingDirectory,
            Environment = request.Environment,
            Resources = resources!.Value,
            TimeoutSeconds = request.TimeoutSeconds ?? AgentDefaults.TimeoutSeconds,
            Retry = request.Retry is { } retry ? new RetryPolicy(retry.Attempts, retry.BackoffSeconds) : AgentDefaults.Retry,
            MaxConcurrency = request.MaxConcurrency,
        };
    }

    /// <summary>An agent as the wire shows it.</summary>
    public static AgentResponse ToResponse(this AgentInfo agent)
    {
        var definition = agent.Definition;
        return new AgentResponse(
            agent.Id,
            definition.Name,
            definition.Description,
            definition.ExecutionEnvironment,
            definition.Command,
            definition.Args,
            definition.WorkingDirectory,
            definition.Environment,
            definition.Resources.ToDto(),
            definition.TimeoutSeconds,
            new RetryDto(definition.Retry.Attempts, definition.Retry.BackoffSeconds),
            definition.MaxConcurrency,
            agent.CreatedAt,
            agent.UpdatedAt,
            agent.Version);
    }
}
