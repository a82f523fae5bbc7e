using System.Globalization;

namespace Scheduler.Engine.Runs;

/// <summary>
/// Resource amounts as a caller writes them (JSON numbers, possibly NaN, negative or fractional), before they
/// become a <see cref="ResourceVector"/>.
/// </summary>
public sealed record ResourceAmounts(double Cpu, double MemoryMb, double Gpu = 0, double BandwidthMbps = 0, double StorageMb = 0)
{
    /// <summary>The amounts of an existing vector.</summary>
    public static ResourceAmounts From(ResourceVector vector) =>
        new(vector.Cpu, vector.MemoryMb, vector.Gpu, vector.BandwidthMbps, vector.StorageMb);

    /// <summary>
    /// Converts to a vector, adding one error per bad amount (NaN, infinite, negative, a fraction of a whole unit)
    /// with its field path, e.g. <c>resources.memoryMb</c>. Returns null when any amount is bad.
    /// </summary>
    public ResourceVector? ToVector(string field, List<EngineError> errors)
    {
        var before = errors.Count;
        Check(Cpu, "cpu", "cores", allowFraction: true);
        Check(MemoryMb, "memoryMb", "MB", allowFraction: false);
        Check(Gpu, "gpu", "GPUs", allowFraction: false);
        Check(BandwidthMbps, "bandwidthMbps", "Mbps", allowFraction: false);
        Check(StorageMb, "storageMb", "MB", allowFraction: false);
        return errors.Count > before
            ? null
            : ResourceVector.Of(Cpu, (long)MemoryMb, (long)Gpu, (long)BandwidthMbps, (long)StorageMb);

        void Check(double value, string name, string unit, bool allowFraction)
        {
            var path = $"{field}.{name}";
            if (!double.IsFinite(value))
            {
                errors.Add(EngineError.Invalid(path, $"{name} must be a number (was {value.ToString(CultureInfo.InvariantCulture)})."));
            }
            else if (value < 0)
            {
                errors.Add(EngineError.Invalid(path, $"{name} must not be negative (was {value.ToString(CultureInfo.InvariantCulture)} {unit})."));
            }
            else if (value > 1e12)
            {
                errors.Add(EngineError.Invalid(path, $"{name} is too large (was {value.ToString(CultureInfo.InvariantCulture)} {unit})."));
            }
            else if (!allowFraction && value != Math.Floor(value))
            {
                errors.Add(EngineError.Invalid(path, $"{name} must be a whole number of {unit} (was {value.ToString(CultureInfo.InvariantCulture)})."));
            }
        }
    }
}
