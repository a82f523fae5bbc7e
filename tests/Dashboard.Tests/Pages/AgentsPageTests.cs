using MudBlazor;
using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class AgentsPageTests : BunitContext
{
    private readonly FakeDashboardClient _client;
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private readonly IRenderedComponent<MudSnackbarProvider> _snackbars;

    public AgentsPageTests()
    {
        _client = this.AddTestServices();
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
    }

    [Fact]
    public void List_ShowsEachAgentsCommandLineResourcesAndLimits()
    {
        _client.Agents.Add(Agent(1, "etl", new AgentDefinition
        {
            Name = "etl",
            Command = "/usr/bin/python3",
            Args = ["etl.py", "--day", "last week"],
            Resources = ResourceVector.Of(2, 2048, gpu: 1),
            TimeoutSeconds = 900,
            Retry = new RetryPolicy(3, 10),
            MaxConcurrency = 2,
        }));

        var row = Render<Agents>().Find("[data-testid=agent-1]").Closest("tr")!;

        Assert.Contains("/usr/bin/python3 etl.py --day \"last week\"", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 cores · 2 GB · 1 GPU", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("15 m 0 s", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 attempts, 10 s backoff", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("subprocess", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_EmptyCommandAndNegativeCpu_ShowsBothOnTheirFieldsAndSavesNothing()
    {
        var page = Render<Agents>();
        OpenNewAgentForm(page);
        _dialogs.Field("Name").Input().Change("etl");
        _dialogs.Field("CPU (cores)").Input().Change("-1");

        _dialogs.Find("[data-testid=save-agent]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("Command is required: the program to start, a path or a name on PATH.", _dialogs.Field("Command").Error()));
        Assert.Equal("CPU must not be negative.", _dialogs.Field("CPU (cores)").Error());
        Assert.Null(_dialogs.Field("Name").Error());
        Assert.DoesNotContain(_client.Commands, c => c.Command == "SaveAgentAsync");
    }

    [Fact]
    public void Field_OutOfRange_SaysSoAsSoonAsItIsEdited()
    {
        var page = Render<Agents>();
        OpenNewAgentForm(page);

        _dialogs.Field("Retry attempts").Input().Change("0");

        _dialogs.WaitForAssertion(() => Assert.Equal("Attempts must be between 1 and 100 (1 means no retry).", _dialogs.Field("Retry attempts").Error()));
        Assert.Null(_dialogs.Field("Command").Error());
    }

    [Fact]
    public void Save_EngineRefusesResources_ShowsTheEnginesReasonUnderTheResourcesAndKeepsTheFormOpen()
    {
        _client.NextError = EngineError.Invalid("resources", "No worker is large enough: needs 64 cores; the largest worker has 8 cores.");
        var page = Render<Agents>();
        OpenNewAgentForm(page);
        FillValidAgent();
        _dialogs.Field("CPU (cores)").Input().Change("64");

        _dialogs.Find("[data-testid=save-agent]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("No worker is large enough: needs 64 cores; the largest worker has 8 cores.", _dialogs.Find("[data-testid=error-resources]").TextContent));
        Assert.Single(_client.Commands, c => c.Command == "SaveAgentAsync");
        Assert.NotEmpty(_dialogs.FindAll("[data-testid=agent-form]"));
    }

    [Fact]
    public void Save_DuplicateName_ShowsTheEnginesConflictOnTheNameField()
    {
        _client.NextError = new EngineError(EngineErrorKind.Conflict, "An agent named 'etl' already exists (id 3).", "name");
        var page = Render<Agents>();
        OpenNewAgentForm(page);
        FillValidAgent();

        _dialogs.Find("[data-testid=save-agent]").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("An agent named 'etl' already exists (id 3).", _dialogs.Field("Name").Error()));
        _dialogs.Field("Name").Input().Change("etl-2");
        _dialogs.WaitForAssertion(() => Assert.Null(_dialogs.Field("Name").Error()));
    }

    [Fact]
    public void Save_ValidForm_SendsEveryFieldAndReportsIt()
    {
        var page = Render<Agents>();
        OpenNewAgentForm(page);
        FillValidAgent();
        _dialogs.Field("Arguments").Input().Change("--day\nlast week\n");
        _dialogs.Field("Environment variables").Input().Change("MODE=fast\nURL=http://x/?a=b");
        _dialogs.Field("Max concurrency").Input().Change("4");

        _dialogs.Find("[data-testid=save-agent]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Agent etl registered.", _snackbars.Markup, StringComparison.Ordinal));
        var saved = (AgentDefinition)_client.Commands.Single(c => c.Command == "SaveAgentAsync").Arguments[1]!;
        Assert.Equal("/bin/echo", saved.Command);
        Assert.Equal(["--day", "last week"], saved.Args);
        Assert.Equal("http://x/?a=b", saved.Environment["URL"]);
        Assert.Equal(4, saved.MaxConcurrency);
        Assert.Empty(_dialogs.FindAll("[data-testid=agent-form]"));
    }

    [Fact]
    public void Delete_Confirmed_DeletesTheAgent()
    {
        _client.Agents.Add(Agent(4, "old"));
        var page = Render<Agents>();

        page.Find("button[aria-label='Delete old']").Click();
        _dialogs.WaitForElement("[data-testid=confirm-action]").Click();

        page.WaitForAssertion(() => Assert.Contains(_client.Commands, c => c.Command == "DeleteAgentAsync" && (int)c.Arguments[0]! == 4));
        _snackbars.WaitForAssertion(() => Assert.Contains("Agent old deleted.", _snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Delete_Kept_DeletesNothing()
    {
        _client.Agents.Add(Agent(4, "old"));
        var page = Render<Agents>();

        page.Find("button[aria-label='Delete old']").Click();
        _dialogs.WaitForElement("[data-testid=confirm-action]");
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=confirm-action]")));
        Assert.DoesNotContain(_client.Commands, c => c.Command == "DeleteAgentAsync");
    }

    [Fact]
    public void Delete_AgentStillHasSchedules_ShowsTheConflictAsAMessage()
    {
        _client.Agents.Add(Agent(5, "busy"));
        _client.NextError = EngineError.Conflict("Agent 'busy' is used by schedule(s) 2, 7; delete them first.");
        var page = Render<Agents>();

        page.Find("button[aria-label='Delete busy']").Click();
        _dialogs.WaitForElement("[data-testid=confirm-action]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Agent 'busy' is used by schedule(s) 2, 7; delete them first.", _snackbars.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll("[data-testid=agent-5]"));
    }

    [Fact]
    public void RunNow_StartsARunAndLinksToIt()
    {
        _client.Agents.Add(Agent(6, "report"));
        var page = Render<Agents>();

        page.Find("button[aria-label='Run report now']").Click();

        page.WaitForAssertion(() => Assert.Equal(6, ((RunRequest)_client.Commands.Single(c => c.Command == "StartRunAsync").Arguments[1]!).AgentId));
        _snackbars.WaitForAssertion(() => Assert.Equal("Open run 1000", _snackbars.Find("a[href='runs/1000']").TextContent));
    }

    [Fact]
    public async Task LiveChanges_AgentCreatedElsewhereAppearsAndADeletedOneGoes()
    {
        _client.FeedSequence = 10;
        _client.Agents.Add(Agent(1, "first"));
        var page = Render<Agents>();

        await _client.PublishAsync(
            new SchedulerChange { Sequence = 11, At = DateTimeOffset.UtcNow, Kind = ChangeKind.Agent, Agent = Agent(2, "second") },
            new SchedulerChange { Sequence = 12, At = DateTimeOffset.UtcNow, Kind = ChangeKind.AgentDeleted, Id = 1 });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=agent-2]")));
        Assert.Empty(page.FindAll("[data-testid=agent-1]"));
    }

    [Fact]
    public async Task RunsColumn_ShowsTheCountAndLatestRun_AndFollowsNewRuns()
    {
        _client.Agents.Add(Agent(1, "etl"));
        _client.History.Add(FakeDashboardClient.Run(7, RunState.Succeeded, agent: "etl"));
        var page = Render<Agents>();
        Assert.Equal("1 run", page.Find("[data-testid=agent-runs-1] > div").TextContent.Trim());
        Assert.Equal("last #7 succeeded", Normalized(page.Find("[data-testid=agent-runs-1] .catalog-sub").TextContent));
        Assert.Equal("runs/7", page.Find("[data-testid=agent-runs-1] a").GetAttribute("href"));

        _client.History.Insert(0, FakeDashboardClient.Run(8, RunState.Running, agent: "etl"));
        await _client.PublishAsync(FakeDashboardClient.Change(5, _client.History[0]));

        page.WaitForAssertion(() => Assert.Equal("last #8 running", Normalized(page.Find("[data-testid=agent-runs-1] .catalog-sub").TextContent)), TimeSpan.FromSeconds(5));
        Assert.Equal("2 runs", page.Find("[data-testid=agent-runs-1] > div").TextContent.Trim());
    }

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static AgentInfo Agent(int id, string name, AgentDefinition? definition = null) =>
        new(id, definition ?? new AgentDefinition { Name = name, Command = "/bin/true" }, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1);

    private void OpenNewAgentForm(IRenderedComponent<Agents> page)
    {
        page.FindAll("button").First(b => b.TextContent.Contains("New agent", StringComparison.Ordinal)).Click();
        _dialogs.WaitForElement("[data-testid=agent-form]");
    }

    private void FillValidAgent()
    {
        _dialogs.Field("Name").Input().Change("etl");
        _dialogs.Field("Command").Input().Change("/bin/echo");
    }
}
