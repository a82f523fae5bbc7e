using System.Text.RegularExpressions;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Agents;

/// <summary>Every rule an agent definition must satisfy, reported all at once with the field at fault.</summary>
internal static partial class AgentValidator
{
    public static List<EngineError> Validate(AgentDefinition agent, WorkerPool workers)
    {
        var errors = new List<EngineError>();
        if (string.IsNullOrWhiteSpace(agent.Name))
        {
            errors.Add(EngineError.Invalid("name", "Name is required."));
        }
        else if (!AgentName().IsMatch(agent.Name))
        {
            errors.Add(EngineError.Invalid("name", "Name must be 1 to 100 letters, digits, '-', '_' or '.', starting with a letter or digit."));
        }

        if (agent.Description is { Length: > 2000 })
        {
            errors.Add(EngineError.Invalid("description", "Description must be at most 2000 characters."));
        }

        if (!Enum.IsDefined(agent.ExecutionEnvironment))
        {
            errors.Add(EngineError.Invalid("executionEnvironment", "Execution environment must be subprocess or builtin."));
        }

        if (string.IsNullOrWhiteSpace(agent.Command))
        {
            errors.Add(EngineError.Invalid("command", "Command must not be empty."));
        }
        else if (agent.Command.Length > 4096 || agent.Command.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(EngineError.Invalid("command", "Command must be at most 4096 characters with no NUL character."));
        }
        else if (agent.ExecutionEnvironment == ExecutionEnvironment.Builtin && !BuiltinAgents.Names.Contains(agent.Command))
        {
            errors.Add(EngineError.Invalid("command", $"'{agent.Command}' is not a builtin agent; use one of {string.Join(", ", BuiltinAgents.Names)}."));
        }

        if (agent.Args.Count > 256)
        {
            errors.Add(EngineError.Invalid("args", $"At most 256 arguments are allowed (got {agent.Args.Count})."));
        }

        for (var i = 0; i < agent.Args.Count; i++)
        {
            if (agent.Args[i] is null || agent.Args[i].Length > 4096 || agent.Args[i].Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(EngineError.Invalid($"args[{i}]", "Each argument must be at most 4096 characters with no NUL character."));
            }
        }

        if (agent.WorkingDirectory is { } directory && (directory.Length > 4096 || directory.Contains('\0', StringComparison.Ordinal)))
        {
            errors.Add(EngineError.Invalid("workingDirectory", "Working directory must be at most 4096 characters with no NUL character."));
        }

        if (agent.Environment.Count > 128)
        {
            errors.Add(EngineError.Invalid("environment", $"At most 128 environment variables are allowed (got {agent.Environment.Count})."));
        }

        foreach (var (name, value) in agent.Environment)
        {
            if (!VariableName().IsMatch(name))
            {
                errors.Add(EngineError.Invalid($"environment.{name}", $"'{name}' is not a valid environment variable name."));
            }
            else if (value is null || value.Length > 32_768 || value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(EngineError.Invalid($"environment.{name}", "Each value must be at most 32768 characters with no NUL character."));
            }
        }

        RunValidation.CheckPlacement(workers, agent.Resources, [], "resources", "resources", errors);
        if (agent.TimeoutSeconds is < 1 or > 604_800)
        {
            errors.Add(EngineError.Invalid("timeoutSeconds", $"Timeout must be between 1 and 604800 seconds (was {agent.TimeoutSeconds})."));
        }

        if (agent.Retry is null)
        {
            errors.Add(EngineError.Invalid("retry", "Retry policy is required."));
        }
        else
        {
            if (agent.Retry.Attempts is < 1 or > 100)
            {
                errors.Add(EngineError.Invalid("retry.attempts", $"Attempts must be between 1 (no retry) and 100 (was {agent.Retry.Attempts})."));
            }

            if (!double.IsFinite(agent.Retry.BackoffSeconds) || agent.Retry.BackoffSeconds is < 0 or > 3600)
            {
                errors.Add(EngineError.Invalid("retry.backoffSeconds", "Backoff must be between 0 and 3600 seconds."));
            }
        }

        if (agent.MaxConcurrency is < 1 or > 10_000)
        {
            errors.Add(EngineError.Invalid("maxConcurrency", $"Max concurrency must be between 1 and 10000, or absent for no limit (was {agent.MaxConcurrency})."));
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex AgentName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex VariableName();
}
