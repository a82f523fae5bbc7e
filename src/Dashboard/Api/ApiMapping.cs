using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// The one place where wire contracts and engine types meet. Requests become engine inputs (with the errors
/// only the edge can see, such as a NaN amount or a missing required field); engine values become responses.
/// </summary>
public static partial class ApiMapping
{
    /// <summary>The engine's amounts as the wire shows them.</summary>
    public static ResourcesDto ToDto(this ResourceVector vector) => new()
    {
        Cpu = vector.Cpu,
        MemoryMb = vector.MemoryMb,
        Gpu = vector.Gpu,
        BandwidthMbps = vector.BandwidthMbps,
        StorageMb = vector.StorageMb,
    };

    /// <summary>Who caused a change, as the wire shows it.</summary>
    public static ActorDto ToDto(this Actor actor) => new(actor.Kind, actor.Name);

    /// <summary>
    /// Caller amounts to a vector through <see cref="ResourceAmounts"/>: NaN, infinite, negative or fractional
    /// whole-unit amounts add an error at <c>{field}.{amount}</c> and give null.
    /// </summary>
    private static ResourceVector? ToVector(ResourcesDto resources, string field, List<EngineError> errors) =>
        new ResourceAmounts(resources.Cpu, resources.MemoryMb, resources.Gpu, resources.BandwidthMbps, resources.StorageMb).ToVector(field, errors);

    private static EngineError Required(string field) => EngineError.Invalid(field, $"{field} is required.");
}
