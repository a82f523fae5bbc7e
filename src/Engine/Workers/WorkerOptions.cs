namespace Scheduler.Engine.Workers;

/// <summary>The workers the host runs itself. Bound from <c>Scheduler:Workers</c>.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Scheduler:Workers";

    /// <summary>The embedded workers, each with its capacity and labels.</summary>
    public List<EmbeddedWorkerOptions> Embedded { get; set; } = [];

    /// <summary>How a run's worker is chosen among those it fits on.</summary>
    public PlacementPolicy Placement { get; set; } = PlacementPolicy.BestFit;

    /// <summary>How often workers renew their lease.</summary>
    public double HeartbeatSeconds { get; set; } = 3;

    /// <summary>A worker that has not renewed its lease for this long is offline and its runs are lost and requeued.</summary>
    public double LeaseSeconds { get; set; } = 15;
}

/// <summary>How a run's worker is chosen among those it fits on.</summary>
public enum PlacementPolicy : byte
{
    /// <summary>The worker left with the least spare capacity: packs work so large runs still find room.</summary>
    BestFit = 0,

    /// <summary>The worker left with the most spare capacity: spreads load evenly.</summary>
    Spread = 1,
}

/// <summary>One worker embedded in the host.</summary>
public sealed class EmbeddedWorkerOptions
{
    /// <summary>Unique name, shown to operators and used as the worker's id.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>CPU cores it offers (fractional allowed).</summary>
    public double Cpu { get; set; }

    /// <summary>Memory it offers, in MB.</summary>
    public long MemoryMb { get; set; }

    /// <summary>GPUs it offers.</summary>
    public long Gpu { get; set; }

    /// <summary>Network bandwidth it offers, in Mbps.</summary>
    public long BandwidthMbps { get; set; }

    /// <summary>Scratch storage it offers, in MB.</summary>
    public long StorageMb { get; set; }

    /// <summary>Labels that run constraints (<c>key=value</c>) match against.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>A non-interactive worker never picks runs (seed 003); it only shows in the registry.</summary>
    public bool Interactive { get; set; } = true;

    /// <summary>The agents this worker volunteers for (by name); empty for every agent.</summary>
    public List<string> Agents { get; set; } = [];
}
