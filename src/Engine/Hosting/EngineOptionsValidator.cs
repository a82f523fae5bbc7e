using Microsoft.Extensions.Options;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Hosting;

/// <summary>Collects every problem with <see cref="EngineOptions"/>, each naming its configuration key.</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var errors = new List<string>();
        void Check(bool ok, string key, string rule, object value)
        {
            if (!ok)
            {
                errors.Add($"{EngineOptions.Section}:{key} {rule} (was {value}).");
            }
        }

        Check(options.MaxConcurrentRuns is >= 1 and <= 100_000, nameof(options.MaxConcurrentRuns), "must be between 1 and 100000", options.MaxConcurrentRuns);
        Check(options.AgingIntervalSeconds is >= 0 and <= 604_800, nameof(options.AgingIntervalSeconds), "must be between 0 (off) and 604800", options.AgingIntervalSeconds);
        Check(options.AgingBoost is >= 1 and <= 4, nameof(options.AgingBoost), "must be between 1 and 4", options.AgingBoost);
        Check(options.AgingCeiling.IsDefined(), nameof(options.AgingCeiling), "must be one of critical, high, medium, low, background", options.AgingCeiling);
        Check(options.MaxDependencyDepth is >= 1 and <= 1000, nameof(options.MaxDependencyDepth), "must be between 1 and 1000", options.MaxDependencyDepth);
        Check(options.DependencyTimeoutSeconds is >= 0 and <= 31_536_000, nameof(options.DependencyTimeoutSeconds), "must be between 0 (never) and 31536000", options.DependencyTimeoutSeconds);
        Check(options.PreemptFrom.IsDefined(), nameof(options.PreemptFrom), "must be one of critical, high, medium, low, background", options.PreemptFrom);
        Check(double.IsFinite(options.StopGracePeriodSeconds) && options.StopGracePeriodSeconds is >= 0 and <= 600, nameof(options.StopGracePeriodSeconds), "must be between 0 and 600", options.StopGracePeriodSeconds);
        Check(options.MaxBatchSize is >= 1 and <= 100_000, nameof(options.MaxBatchSize), "must be between 1 and 100000", options.MaxBatchSize);
        Check(options.ChangeFeedCapacity is >= 1_000 and <= 10_000_000, nameof(options.ChangeFeedCapacity), "must be between 1000 and 10000000", options.ChangeFeedCapacity);
        Check(options.LogSegmentKilobytes is >= 4 and <= 1_048_576, nameof(options.LogSegmentKilobytes), "must be between 4 and 1048576", options.LogSegmentKilobytes);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
