using Hangfire;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>The job Hangfire performs: counts its execution and returns.</summary>
internal sealed class HangfireNoopJob(CompletionCounter executions)
{
    // Hangfire invokes only public methods.
    public void Run() => executions.Increment();

    /// <summary>Hands Hangfire's workers a job bound to the benchmark's counter.</summary>
    public sealed class CountingActivator(CompletionCounter executions) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(HangfireNoopJob)
            ? new HangfireNoopJob(executions)
            : throw new InvalidOperationException($"{jobType} is not the benchmark's job");
    }
}
