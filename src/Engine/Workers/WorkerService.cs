using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Workers;

/// <summary>The workers, their capacity and what they hold.</summary>
public interface IWorkerService
{
    /// <summary>Every worker, in configuration order, with the feed sequence the list is current as of.</summary>
    Task<(long Sequence, IReadOnlyList<WorkerSnapshot> Workers)> ListAsync();

    /// <summary>Stops placing new runs on the worker; what it runs finishes.</summary>
    Task<EngineResult<WorkerSnapshot>> DrainAsync(string workerId, Actor actor);

    /// <summary>Lets a draining worker take new runs again.</summary>
    Task<EngineResult<WorkerSnapshot>> UndrainAsync(string workerId, Actor actor);
}

internal sealed class WorkerService(EngineLoop engine) : IWorkerService
{
    public Task<(long Sequence, IReadOnlyList<WorkerSnapshot> Workers)> ListAsync() => engine.InvokeAsync(engine.GetWorkers);

    public Task<EngineResult<WorkerSnapshot>> DrainAsync(string workerId, Actor actor) => engine.InvokeAsync(() => engine.SetDraining(workerId, draining: true, actor));

    public Task<EngineResult<WorkerSnapshot>> UndrainAsync(string workerId, Actor actor) => engine.InvokeAsync(() => engine.SetDraining(workerId, draining: false, actor));
}
