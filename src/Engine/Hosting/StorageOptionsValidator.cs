using Microsoft.Extensions.Options;

namespace Scheduler.Engine.Hosting;

/// <summary>Collects every problem with <see cref="StorageOptions"/>, each naming its configuration key.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            errors.Add($"{StorageOptions.Section}:DatabasePath must name a SQLite database file.");
        }
        else if (options.DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{StorageOptions.Section}:DatabasePath '{options.DatabasePath}' contains characters that are not allowed in a path.");
        }

        if (options.BusyTimeoutSeconds is < 1 or > 300)
        {
            errors.Add($"{StorageOptions.Section}:BusyTimeoutSeconds must be between 1 and 300 (was {options.BusyTimeoutSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
