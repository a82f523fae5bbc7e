using Microsoft.Extensions.Options;

namespace Scheduler.Engine.Workers;

/// <summary>Collects every problem with the configured workers, each naming its configuration key.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var errors = new List<string>();
        if (options.Embedded.Count == 0)
        {
            errors.Add($"{WorkerOptions.Section}:Embedded must list at least one worker.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Embedded.Count; i++)
        {
            var worker = options.Embedded[i];
            var key = $"{WorkerOptions.Section}:Embedded:{i}";
            if (string.IsNullOrWhiteSpace(worker.Name) || worker.Name.Length > 64)
            {
                errors.Add($"{key}:Name must be 1 to 64 characters.");
            }
            else if (!seen.Add(worker.Name))
            {
                errors.Add($"{key}:Name '{worker.Name}' is used by another worker.");
            }

            if (!double.IsFinite(worker.Cpu) || worker.Cpu <= 0)
            {
                errors.Add($"{key}:Cpu must be a positive number of cores (was {worker.Cpu}).");
            }

            if (worker.MemoryMb <= 0)
            {
                errors.Add($"{key}:MemoryMb must be positive (was {worker.MemoryMb}).");
            }

            foreach (var (field, value) in new[] { ("Gpu", worker.Gpu), ("BandwidthMbps", worker.BandwidthMbps), ("StorageMb", worker.StorageMb) })
            {
                if (value < 0)
                {
                    errors.Add($"{key}:{field} must not be negative (was {value}).");
                }
            }
        }

        if (!double.IsFinite(options.HeartbeatSeconds) || options.HeartbeatSeconds is < 0.1 or > 300)
        {
            errors.Add($"{WorkerOptions.Section}:HeartbeatSeconds must be between 0.1 and 300 (was {options.HeartbeatSeconds}).");
        }

        if (!double.IsFinite(options.LeaseSeconds) || options.LeaseSeconds < 2 * options.HeartbeatSeconds || options.LeaseSeconds > 3600)
        {
            errors.Add($"{WorkerOptions.Section}:LeaseSeconds must be at least twice HeartbeatSeconds and at most 3600 (was {options.LeaseSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
