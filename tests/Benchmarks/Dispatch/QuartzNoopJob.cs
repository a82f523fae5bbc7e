using Quartz;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>The job Quartz fires: counts its execution and returns.</summary>
internal sealed class QuartzNoopJob(CompletionCounter executions) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        executions.Increment();
        return ValueTask.CompletedTask;
    }
}
