using System.Globalization;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// The Overview's aggregates: runs per state, starts and finishes per minute over the last hour, and the run that
/// has waited longest with the reason it still waits. They are read again (<see cref="RefreshAsync"/>) after the
/// feed reports changes, at most about once a second, rather than recomputed from the feed.
/// </summary>
public sealed class OverviewStats(IDashboardClient client)
{
    /// <summary>How far back the throughput chart reaches.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The width of one bar of the throughput chart.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(1);

    private static readonly RunState[] Shown =
    [
        RunState.Pending, RunState.Queued, RunState.Assigned, RunState.Running, RunState.Succeeded,
        RunState.Failed, RunState.TimedOut, RunState.Cancelled, RunState.UpstreamFailed,
    ];

    /// <summary>Whether the aggregates were read at least once.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Runs per state over the whole history, every state present, in lifecycle order.</summary>
    public IReadOnlyList<(RunState State, int Count)> Counts { get; private set; } = [];

    /// <summary>Every run ever created.</summary>
    public int Total { get; private set; }

    /// <summary>Starts and finishes per minute, oldest first.</summary>
    public IReadOnlyList<ThroughputBucket> Throughput { get; private set; } = [];

    /// <summary>Attempts started in the last hour.</summary>
    public int StartedLastHour => Throughput.Sum(b => b.Started);

    /// <summary>Runs finished in the last hour.</summary>
    public int FinishedLastHour => Throughput.Sum(b => b.Finished);

    /// <summary>The pending or queued run that has waited longest, if any.</summary>
    public RunSnapshot? OldestWaiting { get; private set; }

    /// <summary>How many runs are pending or queued.</summary>
    public int WaitingCount { get; private set; }

    /// <summary>The step between two labelled values of the chart's vertical axis: 1, 2 or 5 times a power of ten, about four steps to the top.</summary>
    public int ChartStep
    {
        get
        {
            var top = Throughput.Count == 0 ? 0 : Throughput.Max(b => Math.Max(b.Started, b.Finished));
            var step = 1;
            while (top > step * 4)
            {
                step = step.ToString(CultureInfo.InvariantCulture)[0] switch { '1' => step * 2, '2' => step * 5 / 2, _ => step * 2 };
            }

            return step;
        }
    }

    /// <summary>Why <see cref="OldestWaiting"/> still waits, when the engine could say.</summary>
    public WaitReason? OldestReason { get; private set; }

    /// <summary>The start of each chart bar as a label, e.g. "14:05" (UTC).</summary>
    public string[] ChartLabels => [.. Throughput.Select((b, i) => i % 10 == 0 ? b.Start.ToString("HH:mm", CultureInfo.InvariantCulture) : string.Empty)];

    /// <summary>The count of runs in a state.</summary>
    public int Count(RunState state) => Counts.FirstOrDefault(c => c.State == state).Count;

    /// <summary>Reads the counts, the throughput and the reason the oldest waiting run of <paramref name="fleet"/> waits.</summary>
    public async Task RefreshAsync(FleetBoard fleet, CancellationToken cancellationToken)
    {
        var counts = await client.CountByStateAsync(cancellationToken);
        var throughput = await client.ThroughputAsync(Window, Bucket, cancellationToken);
        var oldest = fleet.OldestWaiting();
        var reasons = oldest is null ? null : await client.GetWaitReasonsAsync([oldest.Id], cancellationToken);

        Counts = [.. Shown.Select(s => (s, counts.GetValueOrDefault(s)))];
        Total = counts.Values.Sum();
        Throughput = throughput;
        OldestWaiting = oldest;
        WaitingCount = fleet.WaitingCount;
        OldestReason = oldest is null ? null : reasons!.GetValueOrDefault(oldest.Id);
        Loaded = true;
    }
}
