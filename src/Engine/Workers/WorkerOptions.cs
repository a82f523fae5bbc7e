namespace Scheduler.Engine.Workers;

/// <summary>The workers the host runs itself. Bound from <c>Scheduler:Workers</c>.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Scheduler:Workers";

    /// <summary>The embedded workers, each with its capacity and labels.</summary>
    public List<EmbeddedWorkerOptions> Embedded { get; set; } = [];
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
}
