using MudBlazor;
using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class SchedulesPageTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeDashboardClient _client;
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private readonly IRenderedComponent<MudSnackbarProvider> _snackbars;

    public SchedulesPageTests()
    {
        _client = this.AddTestServices();
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        _client.PreviewNow = Now;
        _client.Agents.Add(new AgentInfo(1, new AgentDefinition { Name = "etl", Command = "/bin/true" }, Now, Now, 1));
    }

    [Fact]
    public void List_ShowsAgentTypeTriggerPriorityStateAndTheNextFiveFireTimesInTheSchedulesZone()
    {
        var times = Enumerable.Range(1, 5).Select(i => new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero).AddHours(i)).ToList();
        _client.Schedules.Add(View(3, Recurring("0 0 * * * ?", "Asia/Tokyo") with { Priority = Priority.High }, times: times));

        var row = Render<Schedules>().Find("[data-testid=schedule-3]").Closest("tr")!;

        Assert.Contains("etl", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("recurring", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("cron 0 0 * * * ? · Asia/Tokyo · misfire: fire once now", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("high", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("active", row.QuerySelector("[data-testid=state-3]")!.TextContent.Trim());
        var shown = row.QuerySelectorAll("[data-testid=fire-times-3] li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, shown.Count);
        Assert.Equal("Wed 12-02 18:00:00 +09:00", shown[0]);
    }

    [Fact]
    public void CronField_InvalidExpression_SaysWhyOnTheFieldAndSavesNothing()
    {
        var page = Render<Schedules>();
        OpenNewScheduleForm(page);

        _dialogs.Field("Cron expression").Input().Input("0 61 * * * ?");

        _dialogs.WaitForAssertion(() => Assert.StartsWith("Invalid cron expression:", _dialogs.Field("Cron expression").Error(), StringComparison.Ordinal));
        Assert.Empty(_dialogs.FindAll("[data-testid=preview-time]"));
        _dialogs.Find("[data-testid=save-schedule]").Click();
        Assert.DoesNotContain(_client.Commands, c => c.Command == "SaveScheduleAsync");
    }

    [Fact]
    public void CronField_ValidExpression_PreviewsTheNextFiveFireTimesInTheChosenZone()
    {
        _client.Schedules.Add(View(4, Recurring("0 0 6 * * ?", "America/New_York")));
        var page = Render<Schedules>();
        page.Find("button[aria-label='Edit schedule 4']").Click();
        _dialogs.WaitForElement("[data-testid=schedule-form]");

        _dialogs.Field("Cron expression").Input().Input("0 30 9 ? * MON-FRI");

        _dialogs.WaitForAssertion(() => Assert.Equal(
            [
                "Wed 2026-12-02 09:30:00 (-05:00)",
                "Thu 2026-12-03 09:30:00 (-05:00)",
                "Fri 2026-12-04 09:30:00 (-05:00)",
                "Mon 2026-12-07 09:30:00 (-05:00)",
                "Tue 2026-12-08 09:30:00 (-05:00)",
            ],
            _dialogs.FindAll("[data-testid=preview-time]").Select(li => li.TextContent)));
        Assert.Contains(("0 30 9 ? * MON-FRI", "America/New_York"), _client.Previews);
        Assert.Contains("in America/New_York", _dialogs.Find("[data-testid=cron-preview]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ValidRecurringSchedule_SendsTheTriggerAndReportsIt()
    {
        var page = Render<Schedules>();
        OpenNewScheduleForm(page);
        _dialogs.Field("Cron expression").Input().Input("0 */15 * * * ?");
        _dialogs.WaitForAssertion(() => Assert.Equal("0 */15 * * * ?", _client.Previews[^1].Cron));
        _dialogs.Field("Worker constraints").Input().Change("zone=eu\n");

        _dialogs.Find("[data-testid=save-schedule]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Schedule 1 created.", _snackbars.Markup, StringComparison.Ordinal));
        var saved = (ScheduleDefinition)_client.Commands.Single(c => c.Command == "SaveScheduleAsync").Arguments[1]!;
        Assert.Equal(1, saved.AgentId);
        Assert.Equal(ScheduleType.Recurring, saved.Type);
        Assert.Equal(TriggerType.Cron, saved.Trigger.Type);
        Assert.Equal("0 */15 * * * ?", saved.Trigger.Cron);
        Assert.Equal("UTC", saved.Trigger.TimeZone);
        Assert.Equal(["zone=eu"], saved.Constraints);
    }

    [Fact]
    public void Save_EngineRefusesAField_ShowsItsMessageOnThatField()
    {
        _client.NextError = EngineError.Invalid("constraints", "No worker has labels matching zone=mars.");
        var page = Render<Schedules>();
        OpenNewScheduleForm(page);
        _dialogs.Field("Worker constraints").Input().Change("zone=mars");

        _dialogs.Find("[data-testid=save-schedule]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("No worker has labels matching zone=mars.", _dialogs.Field("Worker constraints").Error()));
        Assert.NotEmpty(_dialogs.FindAll("[data-testid=schedule-form]"));
    }

    [Fact]
    public void Save_EventScheduleWithoutAnEventName_SaysSoOnTheField()
    {
        var page = Render<Schedules>();
        OpenNewScheduleForm(page);
        _dialogs.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Trim() == "Event").Click();
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Field("Event name")));

        _dialogs.Find("[data-testid=save-schedule]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("An event schedule needs the name of the event that fires it.", _dialogs.Field("Event name").Error()));
        Assert.DoesNotContain(_client.Commands, c => c.Command == "SaveScheduleAsync");
    }

    [Fact]
    public void Save_ConditionalSchedule_SendsASensorTriggerWithItsThresholdAndWindow()
    {
        var page = Render<Schedules>();
        OpenNewScheduleForm(page);
        _dialogs.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Trim() == "Conditional").Click();
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Field("Sensor")));
        _dialogs.Field("Sensor").Input().Change("disk.usage");
        _dialogs.Field("Above").Input().Change("90");
        _dialogs.Field("Window start (HH:mm)").Input().Change("22:00");
        _dialogs.Field("Window end (HH:mm)").Input().Change("06:00");

        _dialogs.Find("[data-testid=save-schedule]").Click();

        _dialogs.WaitForAssertion(() => Assert.Single(_client.Commands, c => c.Command == "SaveScheduleAsync"));
        var saved = (ScheduleDefinition)_client.Commands.Single(c => c.Command == "SaveScheduleAsync").Arguments[1]!;
        Assert.Equal(ScheduleType.Conditional, saved.Type);
        Assert.Equal(TriggerType.Sensor, saved.Trigger.Type);
        Assert.Null(saved.Trigger.Cron);
        Assert.Equal(new ScheduleCondition { Sensor = "disk.usage", Above = 90, WindowStart = "22:00", WindowEnd = "06:00" }, saved.Trigger.Condition);
    }

    [Fact]
    public void Save_CascadingScheduleWithoutUpstream_SaysSoOnTheField()
    {
        _client.Schedules.Add(View(2, OnDemand()));
        var page = Render<Schedules>();
        OpenNewScheduleForm(page);
        _dialogs.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Trim() == "Cascading").Click();
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Field("Upstream schedule")));

        _dialogs.Find("[data-testid=save-schedule]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("Choose the schedule whose successful runs fire this one.", _dialogs.Field("Upstream schedule").Error()));
        Assert.DoesNotContain(_client.Commands, c => c.Command == "SaveScheduleAsync");
    }

    [Fact]
    public void PauseResumeAndTrigger_CallTheClient_AndTriggerLinksTheNewRun()
    {
        _client.Schedules.Add(View(5, Recurring("0 * * * * ?", null)));
        _client.Schedules.Add(View(6, Recurring("0 * * * * ?", null), paused: true));
        var page = Render<Schedules>();

        page.Find("button[aria-label='Pause schedule 5']").Click();
        page.Find("button[aria-label='Resume schedule 6']").Click();
        page.Find("button[aria-label='Trigger schedule 5 now']").Click();

        page.WaitForAssertion(() => Assert.Equal(
            [("SetSchedulePausedAsync", 5, true), ("SetSchedulePausedAsync", 6, false), ("TriggerScheduleAsync", 1000, false)],
            _client.Commands.Select(c => (c.Command, Convert.ToInt32(c.Arguments[0], System.Globalization.CultureInfo.InvariantCulture), c.Arguments.Length > 1 && c.Arguments[1] is true))));
        Assert.Equal(5, (int)_client.Commands[2].Arguments[1]!);
        _snackbars.WaitForAssertion(() => Assert.Equal("Open run 1000", _snackbars.Find("a[href='runs/1000']").TextContent));
        Assert.Contains("Schedule 5 paused", _snackbars.Markup, StringComparison.Ordinal);
        Assert.Contains("Schedule 6 resumed.", _snackbars.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_Confirmed_DeletesTheSchedule()
    {
        _client.Schedules.Add(View(7, OnDemand()));
        var page = Render<Schedules>();

        page.Find("button[aria-label='Delete schedule 7']").Click();
        _dialogs.WaitForElement("[data-testid=confirm-action]").Click();

        page.WaitForAssertion(() => Assert.Contains(_client.Commands, c => c.Command == "DeleteScheduleAsync" && (int)c.Arguments[0]! == 7));
    }

    [Fact]
    public void Delete_OtherSchedulesDependOnIt_ShowsTheConflictAsAMessage()
    {
        _client.Schedules.Add(View(8, OnDemand()));
        _client.NextError = EngineError.Conflict("Schedule(s) 9 depend on schedule 8; change them first.");
        var page = Render<Schedules>();

        page.Find("button[aria-label='Delete schedule 8']").Click();
        _dialogs.WaitForElement("[data-testid=confirm-action]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Schedule(s) 9 depend on schedule 8; change them first.", _snackbars.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LiveChange_PausedElsewhere_ShowsPausedAndReloadsTheFireTimes()
    {
        _client.FeedSequence = 20;
        var times = Enumerable.Range(1, 5).Select(i => Now.AddMinutes(i + 60)).ToList();
        var view = View(9, Recurring("0 * * * * ?", null), times: times);
        _client.Schedules.Add(view);
        var page = Render<Schedules>();
        var paused = view.Schedule with { Paused = true, Version = 2 };
        _client.Schedules[0] = new ScheduleView(paused, []);

        await _client.PublishAsync(new SchedulerChange { Sequence = 21, At = Now, Kind = ChangeKind.Schedule, Schedule = paused });

        page.WaitForAssertion(() => Assert.Equal("paused", page.Find("[data-testid=state-9]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=fire-times-9]")));
    }

    [Fact]
    public void NoAgents_NewScheduleIsDisabledAndTheEmptyStateSaysWhy()
    {
        _client.Agents.Clear();

        var page = Render<Schedules>();

        Assert.True(page.FindAll("button").First(b => b.TextContent.Contains("New schedule", StringComparison.Ordinal)).HasAttribute("disabled"));
        Assert.Contains("Register an agent first", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
    }

    private static ScheduleDefinition Recurring(string cron, string? zone) => new()
    {
        AgentId = 1,
        Type = ScheduleType.Recurring,
        Trigger = new ScheduleTrigger { Type = TriggerType.Cron, Cron = cron, TimeZone = zone },
    };

    private static ScheduleDefinition OnDemand() => new() { AgentId = 1 };

    private static ScheduleView View(int id, ScheduleDefinition definition, bool paused = false, IReadOnlyList<DateTimeOffset>? times = null) =>
        new(new ScheduleInfo(id, definition, paused, Now, Now, 1), times ?? []);

    private void OpenNewScheduleForm(IRenderedComponent<Schedules> page)
    {
        page.FindAll("button").First(b => b.TextContent.Contains("New schedule", StringComparison.Ordinal)).Click();
        _dialogs.WaitForElement("[data-testid=schedule-form]");
    }
}
