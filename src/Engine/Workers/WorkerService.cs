using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Workers;

/// <summary>The workers, their capacity and what they hold.</summary>
public interface IWorkerService
{
    /// <summary>Every worker, in configuration order, with the feed sequence the list is current as of.</summary>
    Task<(long Sequence, IReadOnlyList<WorkerSnapshot> Workers)> ListAsync();
}

internal sealed class WorkerService(EngineLoop engine) : IWorkerService
{
    public Task<(long Sequence, IReadOnlyList<WorkerSnapshot> Workers)> ListAsync() => engine.InvokeAsync(engine.GetWorkers);
}
