using Scheduler.Engine.Agents;

namespace Scheduler.Dashboard.Model.Forms;

/// <summary>
/// An agent as its create/edit form holds it: every field of <see cref="AgentDefinition"/>, editable, with the
/// form's own checks (required fields and ranges). The engine re-checks everything when it saves.
/// </summary>
public sealed class AgentForm
{
    private static readonly AgentDefinition Defaults = new() { Name = string.Empty, Command = string.Empty };

    /// <summary>The fields that show errors; engine fields outside these are general errors.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "description", "executionEnvironment", "command", "args", "workingDirectory", "environment", "resources",
        "resources.cpu", "resources.memoryMb", "resources.gpu", "resources.bandwidthMbps", "resources.storageMb",
        "timeoutSeconds", "retry.attempts", "retry.backoffSeconds", "maxConcurrency",
    };

    /// <summary>The unique name.</summary>
    public string? Name { get; set; }

    /// <summary>What the agent does.</summary>
    public string? Description { get; set; }

    /// <summary>Subprocess or builtin.</summary>
    public ExecutionEnvironment ExecutionEnvironment { get; set; } = ExecutionEnvironment.Subprocess;

    /// <summary>The program, or the builtin agent's name.</summary>
    public string? Command { get; set; }

    /// <summary>Arguments, one a line.</summary>
    public string? Args { get; set; }

    /// <summary>Where the program starts.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Environment variables, <c>NAME=value</c> a line.</summary>
    public string? Environment { get; set; }

    /// <summary>Default resources of its runs.</summary>
    public ResourceFields Resources { get; set; } = ResourceFields.From(Defaults.Resources);

    /// <summary>Seconds before a run is stopped as timed out.</summary>
    public int? TimeoutSeconds { get; set; } = Defaults.TimeoutSeconds;

    /// <summary>Total executions allowed, including the first.</summary>
    public int? RetryAttempts { get; set; } = Defaults.Retry.Attempts;

    /// <summary>Seconds before the first retry (doubling after).</summary>
    public double? BackoffSeconds { get; set; } = Defaults.Retry.BackoffSeconds;

    /// <summary>Runs of the agent at once; empty for no limit.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>The form of a registered agent.</summary>
    public static AgentForm From(AgentDefinition agent) => new()
    {
        Name = agent.Name,
        Description = agent.Description,
        ExecutionEnvironment = agent.ExecutionEnvironment,
        Command = agent.Command,
        Args = TextLists.Join(agent.Args),
        WorkingDirectory = agent.WorkingDirectory,
        Environment = TextLists.JoinPairs(agent.Environment),
        Resources = ResourceFields.From(agent.Resources),
        TimeoutSeconds = agent.TimeoutSeconds,
        RetryAttempts = agent.Retry.Attempts,
        BackoffSeconds = agent.Retry.BackoffSeconds,
        MaxConcurrency = agent.MaxConcurrency,
    };

    /// <summary>The form field an engine error belongs to (<c>args[2]</c> → <c>args</c>), or null for a general error.</summary>
    public static string? FieldOf(string engineField)
    {
        var field = engineField.StartsWith("args[", StringComparison.Ordinal) ? "args"
            : engineField.StartsWith("environment.", StringComparison.Ordinal) ? "environment"
            : engineField == "retry" ? "retry.attempts"
            : engineField;
        return Fields.Contains(field) ? field : null;
    }

    /// <summary>The form's own checks, by field.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = "Name is required.";
        }

        if (string.IsNullOrWhiteSpace(Command))
        {
            errors["command"] = ExecutionEnvironment == ExecutionEnvironment.Builtin
                ? $"Command is required: the builtin agent's name ({string.Join(", ", BuiltinAgents.Names)})."
                : "Command is required: the program to start, a path or a name on PATH.";
        }

        if (TextLists.Pairs(Environment).Problem is { } problem)
        {
            errors["environment"] = problem;
        }

        Resources.Validate("resources", errors);
        Range(errors, "timeoutSeconds", "Timeout", TimeoutSeconds, 1, 604_800, "seconds");
        Range(errors, "retry.attempts", "Attempts", RetryAttempts, 1, 100, "(1 means no retry)");
        Range(errors, "retry.backoffSeconds", "Backoff", BackoffSeconds, 0, 3600, "seconds");
        if (MaxConcurrency is not null)
        {
            Range(errors, "maxConcurrency", "Max concurrency", MaxConcurrency, 1, 10_000, "(empty for no limit)");
        }

        return errors;
    }

    /// <summary>The definition to save (call after <see cref="Validate"/> found nothing).</summary>
    public AgentDefinition ToDefinition() => new()
    {
        Name = Name?.Trim() ?? string.Empty,
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        ExecutionEnvironment = ExecutionEnvironment,
        Command = Command?.Trim() ?? string.Empty,
        Args = TextLists.Lines(Args),
        WorkingDirectory = string.IsNullOrWhiteSpace(WorkingDirectory) ? null : WorkingDirectory.Trim(),
        Environment = TextLists.Pairs(Environment).Pairs,
        Resources = Resources.ToVector(),
        TimeoutSeconds = TimeoutSeconds ?? 0,
        Retry = new RetryPolicy(RetryAttempts ?? 0, BackoffSeconds ?? 0),
        MaxConcurrency = MaxConcurrency,
    };

    private static void Range(Dictionary<string, string> errors, string field, string label, double? value, double min, double max, string unit)
    {
        if (value is not { } number)
        {
            errors[field] = $"{label} is required.";
        }
        else if (!double.IsFinite(number) || number < min || number > max)
        {
            errors[field] = $"{label} must be between {min} and {max} {unit}.";
        }
    }
}
