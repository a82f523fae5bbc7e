using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class WorkersPageTests : BunitContext
{
    /// <summary>Live updates cross a few threads; a busy build machine needs more than bUnit's default second.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeDashboardClient _client;

    public WorkersPageTests() => _client = this.AddTestServices();

    [Fact]
    public void Card_ShowsStateLabelsGaugesAndOwnedRunsWithTheirAgents()
    {
        _client.Workers.Add(OverviewPageTests.Worker("worker-large") with { OwnedRuns = [31], Reserved = ResourceVector.Of(1, 256) });
        _client.Queue = OverviewPageTests.Queue(1, FakeDashboardClient.Run(31, state: RunState.Running, agent: "etl-load"));

        var card = Render<Workers>().Find("[data-testid=worker-worker-large]");

        Assert.Equal("online", card.QuerySelector("[data-testid=worker-status-worker-large]")!.TextContent.Trim());
        Assert.Contains("size=large", card.QuerySelector(".worker-labels")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, card.QuerySelectorAll(".resource-gauge").Length);
        var owned = card.QuerySelector("[data-testid=owned-worker-large]")!;
        Assert.Equal("runs/31", owned.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("etl-load", owned.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^heartbeat \d+ s ago$", card.QuerySelector("[data-testid=heartbeat-worker-large]")!.TextContent.Trim());
    }

    [Fact]
    public void Drain_Click_CallsTheClientAndReportsIt()
    {
        var snackbars = Render<MudSnackbarProvider>();
        _client.Workers.Add(OverviewPageTests.Worker("worker-small"));
        var page = Render<Workers>();

        DrainButton(page, "worker-small", "Drain").Click();

        page.WaitForAssertion(() => Assert.Contains(_client.Commands, c => c.Command == "SetDrainingAsync" && c.Arguments.SequenceEqual(["worker-small", true])), Patience);
        snackbars.WaitForAssertion(() => Assert.Contains("worker-small is draining: it takes no new runs.", snackbars.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public void DrainingWorker_DrainIsDisabledWithTheReason_UndrainSendsTheCommand()
    {
        _client.Workers.Add(OverviewPageTests.Worker("worker-small") with { Status = WorkerStatus.Draining });
        var page = Render<Workers>();

        var drain = DrainButton(page, "worker-small", "Drain");
        Assert.True(drain.HasAttribute("disabled"));
        Assert.Equal("worker-small is already draining", drain.GetAttribute("title"));

        DrainButton(page, "worker-small", "Undrain").Click();

        page.WaitForAssertion(() => Assert.Contains(_client.Commands, c => c.Command == "SetDrainingAsync" && c.Arguments.SequenceEqual(["worker-small", false])), Patience);
    }

    [Fact]
    public void OfflineWorker_BothButtonsAreDisabledAndSayWhy()
    {
        _client.Workers.Add(OverviewPageTests.Worker("remote-1") with { Status = WorkerStatus.Offline, Embedded = false });
        var page = Render<Workers>();

        var drain = DrainButton(page, "remote-1", "Drain");
        var undrain = DrainButton(page, "remote-1", "Undrain");

        Assert.True(drain.HasAttribute("disabled"));
        Assert.True(undrain.HasAttribute("disabled"));
        Assert.Equal("remote-1 is offline; it takes no runs until it comes back", drain.GetAttribute("title"));
        Assert.Equal("remote-1 is offline; it can be undrained once it comes back", undrain.GetAttribute("title"));
    }

    [Fact]
    public void Drain_Conflict_IsShownAsSomeoneElseGotThereFirst()
    {
        var snackbars = Render<MudSnackbarProvider>();
        _client.Workers.Add(OverviewPageTests.Worker("worker-large"));
        _client.NextError = EngineError.Conflict("worker-large went offline a moment ago.");
        var page = Render<Workers>();

        DrainButton(page, "worker-large", "Drain").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Someone else got there first: worker-large went offline a moment ago.", snackbars.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task LiveChange_WorkerStartsDraining_ChipAndButtonsFollowWithoutReload()
    {
        _client.Workers.Add(OverviewPageTests.Worker("worker-large"));
        var page = Render<Workers>();

        await _client.PublishAsync(new SchedulerChange
        {
            Sequence = 2, At = DateTimeOffset.UtcNow, Kind = ChangeKind.Worker, Worker = OverviewPageTests.Worker("worker-large") with { Status = WorkerStatus.Draining },
        });

        page.WaitForAssertion(() => Assert.Equal("draining", page.Find("[data-testid=worker-status-worker-large]").TextContent.Trim()), Patience);
        Assert.False(DrainButton(page, "worker-large", "Undrain").HasAttribute("disabled"));
    }

    [Fact]
    public void HeartbeatAge_TicksEverySecond_AndResetsWhenTheWorkerHeartbeatsAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Services.AddSingleton<TimeProvider>(time);
        _client.Workers.Add(OverviewPageTests.Worker("worker-large") with { LastHeartbeat = time.GetUtcNow() });
        var page = Render<Workers>();
        var heartbeat = () => page.Find("[data-testid=heartbeat-worker-large]").TextContent.Trim();
        Assert.Equal("heartbeat 0 s ago", heartbeat());

        time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Equal("heartbeat 1 s ago", heartbeat()), Patience);
        time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Equal("heartbeat 2 s ago", heartbeat()), Patience);

        _client.Workers[0] = _client.Workers[0] with { LastHeartbeat = time.GetUtcNow().AddSeconds(1) };
        time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Equal("heartbeat 0 s ago", heartbeat()), Patience);
    }

    [Fact]
    public void NoWorkers_ShowsTheEmptyState()
    {
        var page = Render<Workers>();

        Assert.Equal("No workers online", page.Find("[data-testid=empty-state] h2").TextContent);
    }

    private static AngleSharp.Dom.IElement DrainButton(IRenderedComponent<Workers> page, string worker, string name) =>
        page.FindAll($"[data-testid=worker-{worker}] .worker-actions button").Single(b => b.TextContent.Trim() == name);
}
