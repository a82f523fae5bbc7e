namespace Scheduler.Engine.Scheduling;

/// <summary>A unit of work for the engine loop. Its caller hears the outcome only after the batch committed.</summary>
internal interface IEngineWork
{
    void Execute();

    void Complete();

    void Fail(Exception error);
}

internal sealed class EngineWork<T>(Func<T> action) : IEngineWork
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public void Execute() => _result = action();

    public void Complete() => _completion.TrySetResult(_result!);

    public void Fail(Exception error) => _completion.TrySetException(error);
}
