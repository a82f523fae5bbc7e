using System.Text.RegularExpressions;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>Checks shared by agents, schedules and runs: will it ever fit a worker, are its parameters usable.</summary>
internal static partial class RunValidation
{
    public const int MaxParameters = 64;

    /// <summary>
    /// Resources must be non-negative and fit, together with the constraints, on at least one worker's whole
    /// capacity; the error says what would make them fit ("needs 6 cores; the largest worker has 4").
    /// </summary>
    public static void CheckPlacement(WorkerPool workers, ResourceVector need, IReadOnlyList<string> constraints, string resourcesField, string constraintsField, List<EngineError> errors)
    {
        if (!need.IsNonNegative)
        {
            errors.Add(EngineError.Invalid(resourcesField, "Resources must not be negative."));
            return;
        }

        var malformed = false;
        foreach (var constraint in constraints)
        {
            if (WorkerConstraints.Problem(constraint) is { } problem)
            {
                errors.Add(EngineError.Invalid(constraintsField, $"Constraint is malformed: {problem}."));
                malformed = true;
            }
        }

        if (malformed || workers.CouldEverFit(need, constraints))
        {
            return;
        }

        var matching = workers.All.Where(w => WorkerConstraints.Satisfied(w.Labels, constraints)).ToList();
        if (matching.Count == 0)
        {
            errors.Add(EngineError.Invalid(constraintsField, $"No worker has labels matching {string.Join(", ", constraints)}."));
            return;
        }

        var largest = matching.Aggregate(ResourceVector.Zero, (max, w) => new ResourceVector(
            Math.Max(max.CpuMillicores, w.Capacity.CpuMillicores), Math.Max(max.MemoryMb, w.Capacity.MemoryMb), Math.Max(max.Gpu, w.Capacity.Gpu),
            Math.Max(max.BandwidthMbps, w.Capacity.BandwidthMbps), Math.Max(max.StorageMb, w.Capacity.StorageMb)));
        var tooLarge = ResourceVector.Dimensions.Where(d => need[d] > largest[d]).ToList();
        var message = tooLarge.Count > 0
            ? string.Join("; ", tooLarge.Select(d => $"needs {ResourceVector.Describe(d, need[d])}; the largest worker has {ResourceVector.Describe(d, largest[d])}"))
            : $"needs {need} on one worker, but no single worker has all of it";
        errors.Add(EngineError.Invalid(resourcesField, $"No worker is large enough: {message}."));
    }

    /// <summary>Parameter names become environment variable suffixes, so they must be identifiers.</summary>
    public static void CheckParameters(IReadOnlyDictionary<string, string> parameters, string field, List<EngineError> errors)
    {
        if (parameters.Count > MaxParameters)
        {
            errors.Add(EngineError.Invalid(field, $"At most {MaxParameters} parameters are allowed (got {parameters.Count})."));
        }

        foreach (var (name, value) in parameters)
        {
            if (!ParameterName().IsMatch(name))
            {
                errors.Add(EngineError.Invalid($"{field}.{name}", $"Parameter name '{name}' must start with a letter or '_' and contain only letters, digits and '_' (at most 64)."));
            }
            else if (value is null || value.Length > 4096)
            {
                errors.Add(EngineError.Invalid($"{field}.{name}", $"Parameter '{name}' must have a value of at most 4096 characters."));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex ParameterName();
}
