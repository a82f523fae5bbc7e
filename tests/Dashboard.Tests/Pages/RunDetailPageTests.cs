using MudBlazor;
using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class RunDetailPageTests : BunitContext
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeDashboardClient _client;

    public RunDetailPageTests()
    {
        _client = this.AddTestServices();
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void UnknownRun_ShowsRunNotFound()
    {
        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 404));

        Assert.Equal("Run not found", page.Find("[data-testid=empty-state] h2").TextContent);
        Assert.Contains("There is no run 404", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_ShowsEachTransitionWithWhoAndWhy()
    {
        Add(FakeDashboardClient.Run(5, RunState.Running),
            Entry(null, RunState.Queued, TransitionKind.Created, new Actor(ActorKind.Api, "ci"), "created on demand"),
            Entry(RunState.Queued, RunState.Assigned, TransitionKind.Picked, new Actor(ActorKind.Operator, "alice"), "picked onto worker-large", "worker-large"));

        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 5));

        var entries = page.FindAll("[data-testid=timeline-entry]");
        Assert.Equal(2, entries.Count);
        Assert.Contains("Created", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("by api:ci", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("created on demand", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("queued → assigned", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("by operator:alice on worker-large", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("worker-large (epoch 1)", page.Find("[data-testid=run-worker]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void QueuedRun_ShowsWhyItWaitsAndThePreemptionPreview()
    {
        Add(FakeDashboardClient.Run(8, RunState.Queued));
        _client.WaitReasons[8] = new WaitReason { Kind = WaitReasonKind.NoCapacity, Message = "worker-small (the closest fit) is 1.5 cores short; 3 runs are ahead of it" };

        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 8));

        Assert.Contains("1.5 cores short; 3 runs are ahead of it", page.Find("[data-testid=wait-reason]").TextContent, StringComparison.Ordinal);
        Assert.Contains("It fits on worker-large now", page.Find("[data-testid=preemption-preview]").TextContent, StringComparison.Ordinal);
        Assert.Contains(_client.Commands, c => c.Command == nameof(FakeDashboardClient.PreviewPreemptionAsync));
    }

    [Fact]
    public void FinishedRun_HasNoWaitReasonNorPreview_AndItsActionsAreDisabledWithAReason()
    {
        Add(FakeDashboardClient.Run(9, RunState.Succeeded));

        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 9));

        Assert.Empty(page.FindAll("[data-testid=wait-reason]"));
        Assert.Empty(page.FindAll("[data-testid=preemption-preview]"));
        var cancel = page.Find("button[aria-label=Cancel]");
        Assert.True(cancel.HasAttribute("disabled"));
        Assert.Equal("It already ended (succeeded)", cancel.GetAttribute("title"));
        Assert.True(page.Find("button[aria-label=Pick]").HasAttribute("disabled"));
        Assert.True(page.Find("button[aria-label=Release]").HasAttribute("disabled"));
        Assert.True(page.Find("button[aria-label=Preempt]").HasAttribute("disabled"));
    }

    [Fact]
    public void RunningRun_CanBeReleasedPreemptedAndCancelledButNotPicked()
    {
        Add(FakeDashboardClient.Run(10, RunState.Running));

        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 10));

        Assert.Equal("Only a queued run can be picked; this one is running", page.Find("button[aria-label=Pick]").GetAttribute("title"));
        Assert.False(page.Find("button[aria-label=Release]").HasAttribute("disabled"));
        Assert.False(page.Find("button[aria-label=Preempt]").HasAttribute("disabled"));
        Assert.False(page.Find("button[aria-label=Cancel]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task LiveChange_UpdatesTheStateAndAppendsTheTransition()
    {
        Add(FakeDashboardClient.Run(11, RunState.Running), Entry(null, RunState.Queued, TransitionKind.Created, Actor.Engine, "created"));
        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 11));

        var cancelled = FakeDashboardClient.Run(11, RunState.Cancelled, version: 2) with { FinishedAt = DateTimeOffset.UtcNow };
        await _client.PublishAsync(new SchedulerChange
        {
            Sequence = 1,
            At = DateTimeOffset.UtcNow,
            Kind = ChangeKind.Run,
            Run = cancelled,
            Transition = Entry(RunState.Running, RunState.Cancelled, TransitionKind.Cancelled, new Actor(ActorKind.Operator, "bob"), "cancelled by an operator"),
        });

        page.WaitForAssertion(() => Assert.Equal("cancelled", page.Find("[data-testid=run-summary] [data-testid=run-state]").TextContent));
        Assert.Equal(2, page.FindAll("[data-testid=timeline-entry]").Count);
        Assert.Contains("by operator:bob", page.FindAll("[data-testid=timeline-entry]")[1].TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("button[aria-label=Cancel]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task StaleChange_OlderThanShown_IsIgnored()
    {
        Add(FakeDashboardClient.Run(12, RunState.Running, version: 5));
        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 12));

        await _client.PublishAsync(FakeDashboardClient.Change(1, FakeDashboardClient.Run(12, RunState.Queued, version: 4)));
        await _client.PublishAsync(FakeDashboardClient.Change(2, FakeDashboardClient.Run(99, RunState.Queued)));

        page.WaitForAssertion(() => Assert.Equal("running", page.Find("[data-testid=run-summary] [data-testid=run-state]").TextContent));
    }

    [Fact]
    public async Task Log_ShowsTheLinesSoFarThenAppendsNewOnes()
    {
        Add(FakeDashboardClient.Run(13, RunState.Running));
        _client.Log.Add(Line(1, "starting"));
        _client.Log.Add(Line(2, "step 1 of 3"));
        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 13));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=log-line]").Count));

        await _client.LiveLog.Writer.WriteAsync(Line(3, "step 2 of 3"), Xunit.TestContext.Current.CancellationToken);
        await _client.LiveLog.Writer.WriteAsync(Line(4, "disk almost full", LogSource.Stderr), Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=log-line]").Count));
        var lines = page.FindAll("[data-testid=log-line]");
        Assert.Equal("3step 2 of 3", lines[2].TextContent);
        Assert.Contains("run-log-stderr", lines[3].ClassName, StringComparison.Ordinal);
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "schedulerDashboard.followLog");
    }

    [Fact]
    public async Task Log_KeepsOnlyTheNewestLinesInThePage()
    {
        Add(FakeDashboardClient.Run(14, RunState.Running));
        for (var n = 1; n <= 1005; n++)
        {
            _client.Log.Add(Line(n, $"line {n}"));
        }

        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 14));
        await _client.LiveLog.Writer.WriteAsync(Line(1006, "line 1006"), Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("1006line 1006", page.FindAll("[data-testid=log-line]")[^1].TextContent));
        Assert.Equal(1000, page.FindAll("[data-testid=log-line]").Count);
        Assert.Contains("6 earlier lines are not shown", page.Find(".run-log-dropped").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependencies_LinkUpstreamAndDownstreamRunsWithTheirStates()
    {
        var run = FakeDashboardClient.Run(20, RunState.Pending) with { DependsOn = [18] };
        _client.Details[20] = new RunDetail(run, Spec(), [], [22]);
        Add(FakeDashboardClient.Run(18, RunState.Running, agent: "extract"));
        Add(FakeDashboardClient.Run(22, RunState.Pending, agent: "publish"));

        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 20));

        var upstream = page.Find("[data-testid=upstream] [data-testid=related-18]");
        Assert.Contains("extract", upstream.TextContent, StringComparison.Ordinal);
        Assert.Contains("running", upstream.TextContent, StringComparison.Ordinal);
        Assert.Equal("runs/18", upstream.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("publish", page.Find("[data-testid=downstream] [data-testid=related-22]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void OpeningAnotherRun_ShowsThatRun()
    {
        Add(FakeDashboardClient.Run(30, RunState.Running, agent: "first"));
        Add(FakeDashboardClient.Run(31, RunState.Queued, agent: "second"));
        var page = Render<RunDetailPage>(p => p.Add(c => c.RunId, 30));

        page.Render(p => p.Add(c => c.RunId, 31));

        page.WaitForAssertion(() => Assert.Equal("Run 31", page.Find("h1").TextContent));
        Assert.Equal("queued", page.Find("[data-testid=run-summary] [data-testid=run-state]").TextContent);
    }

    private void Add(RunSnapshot run, params RunTimelineEntry[] timeline) => _client.Details[run.Id] = new RunDetail(run, Spec(), timeline, []);

    private static RunSpec Spec() => new() { Command = "print", Args = ["3"] };

    private static RunTimelineEntry Entry(RunState? from, RunState to, TransitionKind kind, Actor actor, string reason, string? worker = null) =>
        new(T0, from, to, kind, 1, worker, actor, reason);

    private static LogLine Line(long number, string text, LogSource stream = LogSource.Stdout) => new(number, T0.AddSeconds(number), stream, text);
}
