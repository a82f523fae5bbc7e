using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;

namespace Scheduler.Engine.Tests;

/// <summary>Waits for a run to reach a state by reading the engine's change feed (no polling).</summary>
internal static class FeedWaiter
{
    public static Task<RunSnapshot> WaitForStateAsync(this IHost host, long runId, RunState state, TimeSpan? timeout = null) =>
        host.WaitForRunAsync(runId, run => run.State == state, state.ToString(), timeout);

    /// <summary>Waits until the run satisfies <paramref name="condition"/> (checked now, then on every change of it).</summary>
    public static async Task<RunSnapshot> WaitForRunAsync(this IHost host, long runId, Func<RunSnapshot, bool> condition, string description, TimeSpan? timeout = null)
    {
        var runs = host.Services.GetRequiredService<IRunService>();
        var feed = host.Services.GetRequiredService<IChangeFeed>();
        using var subscription = feed.Subscribe(feed.LastSequence);
        var current = await runs.GetAsync(runId, TestContext.Current.CancellationToken);
        if (current is not null && condition(current.Run))
        {
            return current.Run;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await foreach (var change in subscription.Changes.ReadAllAsync(deadline.Token))
            {
                if (change.Run is { } run && run.Id == runId && condition(run))
                {
                    return run;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        var last = await runs.GetAsync(runId, TestContext.Current.CancellationToken);
        throw new Xunit.Sdk.XunitException(
            $"Run {runId} did not reach {description}; it is {last?.Run.State}: {string.Join(" | ", last?.Timeline.Select(t => $"{t.Kind}: {t.Reason}") ?? [])}");
    }
}
