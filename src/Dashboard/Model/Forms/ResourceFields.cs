using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model.Forms;

/// <summary>The five resource amounts as a form edits them (empty while the operator is typing).</summary>
public sealed class ResourceFields
{
    /// <summary>CPU cores, fractional.</summary>
    public double? Cpu { get; set; }

    /// <summary>Memory in MB.</summary>
    public long? MemoryMb { get; set; }

    /// <summary>GPUs.</summary>
    public long? Gpu { get; set; }

    /// <summary>Bandwidth in Mbps.</summary>
    public long? BandwidthMbps { get; set; }

    /// <summary>Scratch storage in MB.</summary>
    public long? StorageMb { get; set; }

    /// <summary>The fields of a vector.</summary>
    public static ResourceFields From(ResourceVector vector) => new()
    {
        Cpu = vector.Cpu,
        MemoryMb = vector.MemoryMb,
        Gpu = vector.Gpu,
        BandwidthMbps = vector.BandwidthMbps,
        StorageMb = vector.StorageMb,
    };

    /// <summary>The vector (empty fields count as zero; validation reports them first).</summary>
    public ResourceVector ToVector() => ResourceVector.Of(Cpu ?? 0, MemoryMb ?? 0, Gpu ?? 0, BandwidthMbps ?? 0, StorageMb ?? 0);

    /// <summary>Required, finite and not negative, each under <paramref name="prefix"/> (e.g. <c>resources.cpu</c>).</summary>
    public void Validate(string prefix, Dictionary<string, string> errors)
    {
        Check(errors, $"{prefix}.cpu", "CPU", Cpu);
        Check(errors, $"{prefix}.memoryMb", "Memory", MemoryMb);
        Check(errors, $"{prefix}.gpu", "GPUs", Gpu);
        Check(errors, $"{prefix}.bandwidthMbps", "Bandwidth", BandwidthMbps);
        Check(errors, $"{prefix}.storageMb", "Storage", StorageMb);
    }

    private static void Check(Dictionary<string, string> errors, string field, string label, double? value)
    {
        if (value is not { } amount)
        {
            errors[field] = $"{label} is required (0 for none).";
        }
        else if (!double.IsFinite(amount) || amount < 0)
        {
            errors[field] = $"{label} must not be negative.";
        }
    }
}
