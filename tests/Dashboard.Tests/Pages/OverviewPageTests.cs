using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class OverviewPageTests : BunitContext
{
    /// <summary>Live updates cross a few threads; a busy build machine needs more than bUnit's default second.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeDashboardClient _client;

    public OverviewPageTests() => _client = this.AddTestServices();

    [Fact]
    public void Counts_ShowEveryStateWithItsNumber()
    {
        _client.Workers.Add(Worker("worker-large"));
        _client.Counts[RunState.Queued] = 4;
        _client.Counts[RunState.Succeeded] = 1234;
        _client.Counts[RunState.TimedOut] = 2;

        var page = Render<Overview>();

        Assert.Equal("4", page.Find("[data-testid=count-queued] .state-count-value").TextContent);
        Assert.Equal("1,234", page.Find("[data-testid=count-succeeded] .state-count-value").TextContent);
        Assert.Equal("timed out", page.Find("[data-testid=count-timedout] .state-count-label").TextContent);
        Assert.Equal("0", page.Find("[data-testid=count-running] .state-count-value").TextContent);
        Assert.Contains("1,240", page.Find("[data-testid=overview-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void OldestWaitingRun_IsLinkedWithTheReasonItWaits()
    {
        _client.Workers.Add(Worker("worker-small"));
        var older = FakeDashboardClient.Run(7, priority: Priority.Low, agent: "nightly-report") with { QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-30) };
        _client.Queue = Queue(3, FakeDashboardClient.Run(5, priority: Priority.High), older);
        _client.WaitReasons[7] = new WaitReason { Kind = WaitReasonKind.NoCapacity, Message = "worker-small (the closest fit) is 1.5 cores short" };

        var oldest = Render<Overview>().Find("[data-testid=oldest-waiting]");

        Assert.Equal("runs/7", oldest.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("nightly-report", oldest.QuerySelector("a")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("queued for 30 m", oldest.TextContent, StringComparison.Ordinal);
        Assert.Equal("worker-small (the closest fit) is 1.5 cores short", oldest.QuerySelector("[data-testid=oldest-reason]")!.TextContent.Trim());
    }

    [Fact]
    public void Gauges_OnePerWorkerAndDimension_WithNoneForAMissingGpu()
    {
        _client.Workers.Add(Worker("worker-large") with { Reserved = ResourceVector.Of(2, 1024) });
        _client.Workers.Add(Worker("worker-small", gpu: 0));

        var page = Render<Overview>();

        Assert.Equal(2, page.FindAll(".worker-gauge-card").Count);
        Assert.Equal(10, page.FindAll(".resource-gauge").Count);
        Assert.Equal("2 / 8 cores", page.Find("[data-testid=gauge-worker-large-cpu] .gauge-value").TextContent);
        Assert.Equal("none", page.Find("[data-testid=gauge-worker-small-gpu] .gauge-value").TextContent);
    }

    [Fact]
    public async Task LiveChange_NewRunAndReservation_UpdateCountsAndGaugesWithoutReload()
    {
        _client.Workers.Add(Worker("worker-large"));
        _client.Counts[RunState.Running] = 0;
        var page = Render<Overview>();
        Assert.Equal("0 / 8 cores", page.Find("[data-testid=gauge-worker-large-cpu] .gauge-value").TextContent);

        _client.Counts[RunState.Running] = 1;
        var running = FakeDashboardClient.Run(9, state: RunState.Running);
        var worker = Worker("worker-large") with { Reserved = ResourceVector.Of(1, 256), OwnedRuns = [9] };
        await _client.PublishAsync(
            FakeDashboardClient.Change(2, running),
            new SchedulerChange { Sequence = 3, At = DateTimeOffset.UtcNow, Kind = ChangeKind.Worker, Worker = worker with { Running = ResourceVector.Of(1, 256) } });

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=count-running] .state-count-value").TextContent), Patience);
        page.WaitForAssertion(() => Assert.Equal("1 / 8 cores", page.Find("[data-testid=gauge-worker-large-cpu] .gauge-value").TextContent), Patience);
    }

    [Fact]
    public async Task LiveChange_WaitingRunStarts_TheNextOldestTakesItsPlace()
    {
        _client.Workers.Add(Worker("worker-large"));
        _client.Queue = Queue(1,
            FakeDashboardClient.Run(1) with { QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-10) },
            FakeDashboardClient.Run(2) with { QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        var page = Render<Overview>();
        Assert.Equal("runs/1", page.Find("[data-testid=oldest-waiting] a").GetAttribute("href"));

        await _client.PublishAsync(FakeDashboardClient.Change(2, FakeDashboardClient.Run(1, state: RunState.Running, version: 2)));

        page.WaitForAssertion(() => Assert.Equal("runs/2", page.Find("[data-testid=oldest-waiting] a").GetAttribute("href")), Patience);
    }

    [Fact]
    public void Throughput_WithRunsInTheLastHour_DrawsAChartAndSaysTheTotals()
    {
        _client.Workers.Add(Worker("worker-large"));
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        _client.Throughput.AddRange([new(start, 2, 0, 0), new(start.AddMinutes(1), 3, 4, 1), new(start.AddMinutes(2), 0, 1, 0)]);

        var throughput = Render<Overview>().Find("[data-testid=throughput]");

        Assert.Equal(["5 started", "5 finished"], throughput.QuerySelectorAll(".chart-legend > span").Take(2).Select(s => s.TextContent.Trim()));
        Assert.NotNull(throughput.QuerySelector(".throughput-chart svg"));
    }

    [Fact]
    public void NoWaitingRunsAndNoThroughput_SayWhatWillAppear()
    {
        _client.Workers.Add(Worker("worker-large"));

        var page = Render<Overview>();

        Assert.Contains("No run is waiting", page.Find("[data-testid=oldest-waiting]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No run started or finished in the last hour", page.Find("[data-testid=throughput]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=empty-state]"));
    }

    internal static WorkerSnapshot Worker(string id, long gpu = 1) =>
        new(id, ResourceVector.Of(8, 16384, gpu, 1000, 102400), ResourceVector.Zero, new Dictionary<string, string> { ["size"] = "large" },
            WorkerStatus.Online, true, [], DateTimeOffset.UtcNow);

    internal static QueueSnapshot Queue(long sequence, params RunSnapshot[] runs) => new(
        sequence,
        [.. Priorities.HighestFirst.Select(p => new LaneSnapshot(p, [.. runs.Where(r => r.State == RunState.Queued && r.Priority == p)]))],
        [.. runs.Where(r => r.State is RunState.Assigned or RunState.Running)],
        [.. runs.Where(r => r.State == RunState.Pending)]);
}
