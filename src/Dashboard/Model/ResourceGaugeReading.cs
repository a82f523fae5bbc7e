using System.Globalization;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// One dimension of one worker as a gauge shows it: what running runs use, what is reserved in all (running plus
/// assigned runs that are still starting), what is free, and the capacity, each in the dimension's display unit.
/// </summary>
/// <param name="Dimension">The resource.</param>
/// <param name="Capacity">What the worker has (0 when it lacks the resource).</param>
/// <param name="Running">The part of <paramref name="Reserved"/> held by running runs.</param>
/// <param name="Reserved">Everything reserved on the worker: running and assigned runs.</param>
public sealed record ResourceGaugeReading(ResourceDimension Dimension, double Capacity, double Running, double Reserved)
{
    /// <summary>Whether the worker has this resource at all; a gauge without it reads "none".</summary>
    public bool HasCapacity => Capacity > 0;

    /// <summary>Reserved by assigned runs that have not started yet.</summary>
    public double Starting => Math.Max(0, Reserved - Running);

    /// <summary>What is left for new runs.</summary>
    public double Free => Math.Max(0, Capacity - Reserved);

    /// <summary>The share of the capacity used by running runs, 0–100.</summary>
    public double RunningPercent => Percent(Running);

    /// <summary>The share of the capacity reserved by starting runs, 0–100 (drawn after the running share).</summary>
    public double StartingPercent => Math.Min(Percent(Starting), 100 - RunningPercent);

    /// <summary>The share of the capacity reserved in all, 0–100.</summary>
    public double ReservedPercent => Percent(Reserved);

    /// <summary>The resource's name, e.g. "CPU".</summary>
    public string Name => Names(Dimension);

    /// <summary>The unit the numbers are written in, chosen by the capacity (GB for large memory, for example).</summary>
    public string Unit => Scale(Dimension, Capacity).Unit;

    /// <summary>Reserved over capacity with the unit, e.g. "3.5 / 8 cores"; "none" when the worker lacks the resource.</summary>
    public string Summary => HasCapacity ? $"{Number(Reserved)} / {Number(Capacity)} {Unit}" : "none";

    /// <summary>The whole reading as a sentence, for screen readers and the tooltip.</summary>
    public string Description => HasCapacity
        ? $"{Name}: {Number(Reserved)} of {Number(Capacity)} {Unit} reserved ({Number(Running)} by running runs, {Number(Starting)} by starting runs), {Number(Free)} {Unit} free"
        : $"{Name}: none (this worker has no {Name})";

    /// <summary>The five gauges of a worker, in the engine's dimension order.</summary>
    public static IReadOnlyList<ResourceGaugeReading> Of(WorkerSnapshot worker) =>
        [.. ResourceVector.Dimensions.Select(d => new ResourceGaugeReading(d, worker.Capacity[d], worker.Running[d], worker.Reserved[d]))];

    /// <summary>An amount in this gauge's unit, e.g. "3.5".</summary>
    public string Number(double amount) => (amount / Scale(Dimension, Capacity).Divisor).ToString("0.##", CultureInfo.InvariantCulture);

    private double Percent(double amount) => HasCapacity ? Math.Clamp(amount / Capacity * 100, 0, 100) : 0;

    private static string Names(ResourceDimension dimension) => dimension switch
    {
        ResourceDimension.Cpu => "CPU",
        ResourceDimension.Memory => "Memory",
        ResourceDimension.Gpu => "GPU",
        ResourceDimension.Bandwidth => "Bandwidth",
        ResourceDimension.Storage => "Storage",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    private static (string Unit, double Divisor) Scale(ResourceDimension dimension, double capacity) => dimension switch
    {
        ResourceDimension.Cpu => (capacity == 1 ? "core" : "cores", 1),
        ResourceDimension.Memory or ResourceDimension.Storage => capacity >= 1024 ? ("GB", 1024) : ("MB", 1),
        ResourceDimension.Gpu => (capacity == 1 ? "GPU" : "GPUs", 1),
        ResourceDimension.Bandwidth => capacity >= 1000 ? ("Gbps", 1000) : ("Mbps", 1),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };
}
