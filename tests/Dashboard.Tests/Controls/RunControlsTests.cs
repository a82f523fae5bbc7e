using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Components.Dialogs;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Tests.Controls;

/// <summary>The queue's building blocks on their own: the action bar, a run card, a lane and the pick dialog.</summary>
public sealed class RunControlsTests : BunitContext
{
    private readonly FakeDashboardClient _client;

    public RunControlsTests() => _client = this.AddTestServices();

    public static TheoryData<RunState, StopIntent, string[], string[]> ActionStates => new()
    {
        { RunState.Queued, StopIntent.None, ["Pick", "Cancel"], [] },
        { RunState.Pending, StopIntent.None, ["Cancel"], ["Pick"] },
        { RunState.Running, StopIntent.None, ["Release", "Preempt", "Cancel"], ["Pick"] },
        { RunState.Assigned, StopIntent.Release, [], ["Pick", "Release", "Preempt"] },
        { RunState.Running, StopIntent.Cancel, ["Release", "Preempt"], ["Pick", "Cancel"] },
        { RunState.Succeeded, StopIntent.None, [], ["Pick", "Release", "Preempt", "Cancel"] },
    };

    [Theory]
    [MemberData(nameof(ActionStates))]
    public void ActionBar_EnablesOnlyTheActionsThatApply_AndSaysWhyTheOthersAreOff(RunState state, StopIntent stopping, string[] enabled, string[] disabled)
    {
        var run = FakeDashboardClient.Run(1, state) with { Stopping = stopping };

        var bar = Render<RunActionBar>(p => p.Add(b => b.Run, run).Add(b => b.ShowPick, true).Add(b => b.ShowOwnerActions, true));

        foreach (var name in enabled.Where(n => stopping == StopIntent.None || n == "Cancel"))
        {
            Assert.False(Button(bar, name).HasAttribute("disabled"), $"{name} should be enabled for a {state} run");
        }

        foreach (var name in disabled)
        {
            var button = Button(bar, name);
            Assert.True(button.HasAttribute("disabled"), $"{name} should be disabled for a {state} run");
            Assert.False(string.IsNullOrWhiteSpace(button.GetAttribute("title")), $"{name} has no reason on its tooltip");
        }
    }

    [Fact]
    public void ActionBar_EveryIconButtonHasAnAccessibleNameAndATooltip()
    {
        var bar = Render<RunActionBar>(p => p.Add(b => b.Run, FakeDashboardClient.Run(1, RunState.Running)).Add(b => b.ShowPick, true).Add(b => b.ShowOwnerActions, true));

        var buttons = bar.FindAll("button");

        Assert.Equal(["Pick", "Release", "Preempt", "Cancel"], buttons.Select(b => b.GetAttribute("aria-label")));
        Assert.All(buttons, b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("title"))));
        Assert.Contains("already ended", RunActions.Cancel(FakeDashboardClient.Run(1, RunState.Failed)).Tooltip, StringComparison.Ordinal);
    }

    [Fact]
    public void ActionBar_Release_Failing_ShowsTheEnginesReasonInASnackbar()
    {
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        _client.NextError = EngineError.Invalid("workerId", "Run 1 is not owned by any worker.");
        var bar = Render<RunActionBar>(p => p.Add(b => b.Run, FakeDashboardClient.Run(1, RunState.Running)).Add(b => b.ShowOwnerActions, true));

        Button(bar, "Release").Click();
        dialogs.WaitForElement("[data-testid=confirm-action]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Run 1 is not owned by any worker.", snackbars.Markup, StringComparison.Ordinal));
        Assert.Contains(_client.Commands, c => c.Command == nameof(IDashboardClient.ReleaseAsync));
    }

    [Fact]
    public void RunCard_ShowsAgentAgeResourcesReasonAndDependencies()
    {
        var run = FakeDashboardClient.Run(7, agent: "video-transcode") with { DependsOn = [3, 4], Attempt = 2 };
        var board = new QueueBoard(_client);
        var reason = new WaitReason { Kind = WaitReasonKind.HigherPriorityAhead, Message = "12 runs are ahead of it", Ahead = 12 };

        var card = Render<RunCard>(p => p.Add(c => c.Run, run).Add(c => c.Board, board).Add(c => c.Reason, reason));

        var article = card.Find("[data-testid=run-7]");
        Assert.Equal("true", article.GetAttribute("draggable"));
        Assert.Contains("video-transcode", card.Find(".run-card-agent").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 m", card.Find(".run-card-line").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 core", card.Find(".run-card-line").TextContent, StringComparison.Ordinal);
        Assert.Contains("12 runs are ahead of it", card.Find(".run-card-reason").TextContent, StringComparison.Ordinal);
        Assert.Contains("2 dependencies", card.Find(".run-card-tags").TextContent, StringComparison.Ordinal);
        Assert.Contains("attempt 2", card.Find(".run-card-tags").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Lane_IsLabelledCountsItsRunsAndInvitesADropWhenEmpty()
    {
        var board = new QueueBoard(_client);
        var runs = new List<RunSnapshot> { FakeDashboardClient.Run(1, priority: Priority.High), FakeDashboardClient.Run(2, priority: Priority.High, position: 1) };

        var full = Render<QueueLane>(p => p.Add(l => l.Priority, Priority.High).Add(l => l.Runs, runs).Add(l => l.Board, board));
        var empty = Render<QueueLane>(p => p.Add(l => l.Priority, Priority.Background).Add(l => l.Runs, new List<RunSnapshot>()).Add(l => l.Board, board));

        Assert.Equal("high lane", full.Find("[data-testid=lane-high]").GetAttribute("aria-label"));
        Assert.Equal(["run-1", "run-2"], full.FindAll("article.run-card").Select(a => a.GetAttribute("data-testid")));
        Assert.Contains("2", full.Find(".lane-count").TextContent, StringComparison.Ordinal);
        Assert.Empty(empty.FindAll("article.run-card"));
        Assert.Contains("Drop one here", empty.Find("[data-testid=lane-background]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PickDialog_ListsEveryWorker_OnlyThoseThatFitCanBeChosen_AndTheFirstFitIsPreselected()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var run = FakeDashboardClient.Run(5);
        IReadOnlyList<PlacementOption> options =
        [
            new("worker-small", false, "Run 5 does not fit on worker-small: it is 1 core short.", Worker("worker-small")),
            new("worker-large", true, "fits: 7 cores free after it", Worker("worker-large")),
        ];

        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<PickDialog>("Pick", new DialogParameters<PickDialog> { { d => d.Run, run }, { d => d.Options, options } }));

        var small = provider.Find("[data-testid=pick-option-worker-small]");
        Assert.Contains("1 core short", small.TextContent, StringComparison.Ordinal);
        Assert.True(small.QuerySelector("input")!.HasAttribute("disabled"));
        Assert.False(provider.Find("[data-testid=pick-option-worker-large] input").HasAttribute("disabled"));
        provider.Find("[data-testid=confirm-pick]").Click();
        var result = await reference.Result;
        Assert.False(result!.Canceled);
        Assert.Equal("worker-large", result.Data);
    }

    [Fact]
    public async Task PickDialog_NoWorkerFits_ThePickButtonIsDisabled()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IReadOnlyList<PlacementOption> options = [new("worker-small", false, "Worker worker-small is draining; it takes no new runs.", Worker("worker-small"))];

        await provider.InvokeAsync(() => dialogs.ShowAsync<PickDialog>("Pick", new DialogParameters<PickDialog> { { d => d.Run, FakeDashboardClient.Run(5) }, { d => d.Options, options } }));

        Assert.True(provider.Find("[data-testid=confirm-pick]").HasAttribute("disabled"));
        Assert.Contains("draining", provider.Find("[data-testid=pick-option-worker-small]").TextContent, StringComparison.Ordinal);
    }

    private static IElement Button(IRenderedComponent<RunActionBar> bar, string name) =>
        bar.FindAll("button").Single(b => b.GetAttribute("aria-label") == name);

    private static WorkerSnapshot Worker(string id) =>
        new(id, ResourceVector.Of(8, 16384), ResourceVector.Zero, new Dictionary<string, string>(), WorkerStatus.Online, true, [], DateTimeOffset.UtcNow);
}
