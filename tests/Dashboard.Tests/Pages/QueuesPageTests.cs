using MudBlazor;
using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class QueuesPageTests : BunitContext
{
    private readonly FakeDashboardClient _client;
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public QueuesPageTests()
    {
        _client = this.AddTestServices();
        _popovers = Render<MudPopoverProvider>();
    }

    [Fact]
    public void Board_ShowsEachLaneInOrderWithItsRuns()
    {
        _client.Queue = Queue(7,
            FakeDashboardClient.Run(1, priority: Priority.Low, position: 10),
            FakeDashboardClient.Run(2, priority: Priority.Low, position: 5),
            FakeDashboardClient.Run(3, priority: Priority.Critical, position: 0));

        var page = Render<Queues>();

        Assert.Equal(["2", "1"], page.FindAll("[data-testid=lane-low] .run-card-id").Select(e => e.TextContent.TrimStart('#')));
        Assert.Single(page.FindAll("[data-testid=lane-critical] [data-testid=run-3]"));
        Assert.Contains("3", page.Find("[data-testid=queue-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveChange_MovesACardToAnotherLaneWithoutReload()
    {
        _client.Queue = Queue(1, FakeDashboardClient.Run(5, priority: Priority.Low, position: 0));
        var page = Render<Queues>();

        await _client.PublishAsync(FakeDashboardClient.Change(2, FakeDashboardClient.Run(5, priority: Priority.High, position: 0, version: 2)));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=lane-high] [data-testid=run-5]")));
        Assert.Empty(page.FindAll("[data-testid=lane-low] [data-testid=run-5]"));
    }

    [Fact]
    public async Task LiveChange_RunStarting_MovesToRunningNowWithItsOwner()
    {
        _client.Queue = Queue(1, FakeDashboardClient.Run(8, priority: Priority.Medium));
        var page = Render<Queues>();

        await _client.PublishAsync(FakeDashboardClient.Change(2, FakeDashboardClient.Run(8, state: RunState.Running, version: 2)));

        page.WaitForAssertion(() => Assert.Contains("worker-large", page.Find("[data-testid=active-runs] [data-testid=run-8]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaleChange_OlderVersionThanShown_IsIgnored()
    {
        _client.Queue = Queue(5, FakeDashboardClient.Run(9, priority: Priority.Low, version: 4));
        var page = Render<Queues>();

        await _client.PublishAsync(FakeDashboardClient.Change(6, FakeDashboardClient.Run(9, priority: Priority.High, version: 3)));
        await _client.PublishAsync(FakeDashboardClient.Change(7, FakeDashboardClient.Run(10, priority: Priority.Background)));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=lane-background] [data-testid=run-10]")));
        Assert.Single(page.FindAll("[data-testid=lane-low] [data-testid=run-9]"));
    }

    [Fact]
    public async Task FeedGap_ReloadsTheSnapshot()
    {
        _client.Queue = Queue(1, FakeDashboardClient.Run(1, priority: Priority.Low));
        var page = Render<Queues>();
        _client.Queue = Queue(40, FakeDashboardClient.Run(2, priority: Priority.Critical));

        await _client.RequireResnapshotAsync();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=lane-critical] [data-testid=run-2]")));
        Assert.Empty(page.FindAll("[data-testid=run-1]"));
    }

    [Fact]
    public void QueuedCard_OwnerActionsAreNotOffered_AndPickIsEnabled()
    {
        _client.Queue = Queue(1, FakeDashboardClient.Run(4));

        var card = Render<Queues>().Find("[data-testid=run-4]");

        Assert.False(card.QuerySelector("button[aria-label=Pick]")!.HasAttribute("disabled"));
        Assert.Null(card.QuerySelector("button[aria-label=Release]"));
        Assert.False(card.QuerySelector("button[aria-label=Cancel]")!.HasAttribute("disabled"));
    }

    [Fact]
    public void RunningCard_BeingStopped_DisablesReleaseAndPreemptWithTheReason()
    {
        _client.Queue = Queue(1, FakeDashboardClient.Run(6, state: RunState.Running) with { Stopping = StopIntent.Preempt });

        var card = Render<Queues>().Find("[data-testid=active-runs] [data-testid=run-6]");
        var release = card.QuerySelector("button[aria-label=Release]")!;

        Assert.True(release.HasAttribute("disabled"));
        Assert.Equal("It is already being stopped (being preempted)", release.GetAttribute("title"));
        Assert.True(card.QuerySelector("button[aria-label=Preempt]")!.HasAttribute("disabled"));
    }

    [Fact]
    public void Cancel_Confirmed_SendsTheCommandAndReportsIt()
    {
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        _client.Queue = Queue(1, FakeDashboardClient.Run(11));
        _client.RunAfterCommand = id => FakeDashboardClient.Run(id, state: RunState.Cancelled);
        var page = Render<Queues>();

        page.Find("[data-testid=run-11] button[aria-label=Cancel]").Click();
        dialogs.WaitForElement("[data-testid=confirm-action]").Click();

        WaitForCommand(page, "CancelAsync", 11L);
        snackbars.WaitForAssertion(() => Assert.Contains("Run 11 cancelled.", snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Pick_Conflict_IsShownAsSomeoneElseGotThereFirst()
    {
        Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        _client.Queue = Queue(1, FakeDashboardClient.Run(12));
        _client.PlacementOptions.Add(new Engine.Workers.PlacementOption("worker-large", true, "fits", Worker("worker-large")));
        _client.NextError = EngineError.Conflict("Run 12 is running on worker-small; only a queued run can be picked.");
        var page = Render<Queues>();

        page.Find("[data-testid=run-12] button[aria-label=Pick]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Someone else got there first: Run 12 is running on worker-small", snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void MoveMenu_MoveToTop_PlacesTheRunBeforeTheFirstOfItsLane()
    {
        _client.Queue = Queue(1,
            FakeDashboardClient.Run(20, priority: Priority.Low, position: 0),
            FakeDashboardClient.Run(21, priority: Priority.Low, position: 10));
        var page = Render<Queues>();

        page.Find("[data-testid=run-21] .run-card-menu button").Click();
        _popovers.WaitForAssertion(() => Assert.NotEmpty(_popovers.FindAll(".mud-menu-item")));
        _popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Contains("Move to top", StringComparison.Ordinal)).Click();

        WaitForCommand(page, "MoveAsync", 21L, Priority.Low, (long?)20, null);
    }

    [Fact]
    public void EmptyQueue_ShowsTheEmptyState()
    {
        var page = Render<Queues>();

        Assert.Equal("No queued runs", page.Find("[data-testid=empty-state] h2").TextContent);
    }

    private void WaitForCommand(IRenderedComponent<Queues> page, string name, params object?[] arguments) =>
        page.WaitForAssertion(() => Assert.Contains(_client.Commands, c => c.Command == name && c.Arguments.SequenceEqual(arguments)));

    private static QueueSnapshot Queue(long sequence, params RunSnapshot[] runs) => new(
        sequence,
        [.. Priorities.HighestFirst.Select(p => new LaneSnapshot(p, [.. runs.Where(r => r.State == RunState.Queued && r.Priority == p)]))],
        [.. runs.Where(r => r.State is RunState.Assigned or RunState.Running)],
        [.. runs.Where(r => r.State == RunState.Pending)]);

    private static Engine.Workers.WorkerSnapshot Worker(string id) =>
        new(id, ResourceVector.Of(8, 16384), ResourceVector.Zero, new Dictionary<string, string>(), Engine.Workers.WorkerStatus.Online, true, [], DateTimeOffset.UtcNow);
}
