using System.Globalization;

namespace Scheduler.Engine.Runs;

/// <summary>One dimension of a <see cref="ResourceVector"/>.</summary>
public enum ResourceDimension : byte
{
    /// <summary>CPU cores (fractional).</summary>
    Cpu = 0,

    /// <summary>Memory in MB.</summary>
    Memory = 1,

    /// <summary>GPU count.</summary>
    Gpu = 2,

    /// <summary>Network bandwidth in Mbps.</summary>
    Bandwidth = 3,

    /// <summary>Scratch storage in MB.</summary>
    Storage = 4,
}

/// <summary>
/// What a run needs or a worker has: cpu cores, memory MB, gpus, bandwidth Mbps, storage MB. CPU is kept in
/// whole millicores so sums and differences are exact and a capacity check never fails on rounding.
/// </summary>
public readonly record struct ResourceVector(long CpuMillicores, long MemoryMb, long Gpu, long BandwidthMbps, long StorageMb)
{
    /// <summary>Nothing at all.</summary>
    public static ResourceVector Zero => default;

    /// <summary>The dimensions in display order.</summary>
    public static IReadOnlyList<ResourceDimension> Dimensions { get; } = Enum.GetValues<ResourceDimension>();

    /// <summary>CPU in cores.</summary>
    public double Cpu => CpuMillicores / 1000.0;

    /// <summary>Builds a vector from cores (rounded to millicores) and whole units.</summary>
    public static ResourceVector Of(double cpu, long memoryMb = 0, long gpu = 0, long bandwidthMbps = 0, long storageMb = 0) =>
        new((long)Math.Round(cpu * 1000, MidpointRounding.AwayFromZero), memoryMb, gpu, bandwidthMbps, storageMb);

    /// <summary>The amount in one dimension, in that dimension's display unit.</summary>
    public double this[ResourceDimension dimension] => dimension switch
    {
        ResourceDimension.Cpu => Cpu,
        ResourceDimension.Memory => MemoryMb,
        ResourceDimension.Gpu => Gpu,
        ResourceDimension.Bandwidth => BandwidthMbps,
        ResourceDimension.Storage => StorageMb,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    /// <summary>Whether every dimension is zero or more.</summary>
    public bool IsNonNegative => CpuMillicores >= 0 && MemoryMb >= 0 && Gpu >= 0 && BandwidthMbps >= 0 && StorageMb >= 0;

    /// <summary>Whether this fits inside <paramref name="capacity"/> in every dimension.</summary>
    public bool FitsWithin(ResourceVector capacity) =>
        CpuMillicores <= capacity.CpuMillicores && MemoryMb <= capacity.MemoryMb && Gpu <= capacity.Gpu
        && BandwidthMbps <= capacity.BandwidthMbps && StorageMb <= capacity.StorageMb;

    /// <summary>The dimension this is most short of in <paramref name="available"/>, relative to the need; null when it fits.</summary>
    public (ResourceDimension Dimension, double Short)? LargestShortfall(ResourceVector available)
    {
        (ResourceDimension, double)? worst = null;
        var worstRatio = 0.0;
        foreach (var dimension in Dimensions)
        {
            var need = this[dimension];
            var missing = need - available[dimension];
            if (missing > 0)
            {
                var ratio = missing / need;
                if (worst is null || ratio > worstRatio)
                {
                    worst = (dimension, missing);
                    worstRatio = ratio;
                }
            }
        }

        return worst;
    }

    /// <summary>Dimension-wise sum.</summary>
    public static ResourceVector operator +(ResourceVector a, ResourceVector b) =>
        new(a.CpuMillicores + b.CpuMillicores, a.MemoryMb + b.MemoryMb, a.Gpu + b.Gpu, a.BandwidthMbps + b.BandwidthMbps, a.StorageMb + b.StorageMb);

    /// <summary>Dimension-wise difference.</summary>
    public static ResourceVector operator -(ResourceVector a, ResourceVector b) =>
        new(a.CpuMillicores - b.CpuMillicores, a.MemoryMb - b.MemoryMb, a.Gpu - b.Gpu, a.BandwidthMbps - b.BandwidthMbps, a.StorageMb - b.StorageMb);

    /// <summary>Dimension-wise sum (named alternative to the operator).</summary>
    public static ResourceVector Add(ResourceVector left, ResourceVector right) => left + right;

    /// <summary>Dimension-wise difference (named alternative to the operator).</summary>
    public static ResourceVector Subtract(ResourceVector left, ResourceVector right) => left - right;

    /// <summary>Formats an amount with its unit, e.g. "1.5 cores" or "512 MB".</summary>
    public static string Describe(ResourceDimension dimension, double amount) => dimension switch
    {
        ResourceDimension.Cpu => $"{amount.ToString("0.###", CultureInfo.InvariantCulture)} {(amount == 1 ? "core" : "cores")}",
        ResourceDimension.Memory => $"{amount.ToString("0", CultureInfo.InvariantCulture)} MB memory",
        ResourceDimension.Gpu => $"{amount.ToString("0", CultureInfo.InvariantCulture)} {(amount == 1 ? "GPU" : "GPUs")}",
        ResourceDimension.Bandwidth => $"{amount.ToString("0", CultureInfo.InvariantCulture)} Mbps bandwidth",
        ResourceDimension.Storage => $"{amount.ToString("0", CultureInfo.InvariantCulture)} MB storage",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var self = this;
        var text = string.Join(", ", Dimensions.Where(d => self[d] != 0).Select(d => Describe(d, self[d])));
        return text.Length > 0 ? text : "nothing";
    }
}
