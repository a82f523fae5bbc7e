using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Scheduler.Dashboard.Components.Pages;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Tests.Pages;

public sealed class RunsPageTests : BunitContext
{
    private readonly FakeDashboardClient _client;

    public RunsPageTests()
    {
        _client = this.AddTestServices();
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void Grid_ShowsEachRunWithItsStatePriorityAndWorker()
    {
        _client.History.Add(FakeDashboardClient.Run(7, RunState.Running, Priority.High, agent: "nightly-etl"));
        _client.History.Add(FakeDashboardClient.Run(6, RunState.Queued, Priority.Low, agent: "report"));

        var page = Render<Runs>();

        var rows = page.WaitForElements("[data-testid=runs-grid] tbody tr.runs-row");
        Assert.Equal(2, rows.Count);
        Assert.Contains("#7", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("nightly-etl", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("running", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("high", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("worker-large", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("runs/7", page.Find("[data-testid=run-link-7]").GetAttribute("href"));
        page.WaitForAssertion(() => Assert.Equal("2 runs", page.Find("[data-testid=runs-total]").TextContent.Trim()));
    }

    [Fact]
    public void FiltersFromTheAddress_ArePassedToTheClient()
    {
        var page = RenderAt("state=failed,timed_out&priority=high&agent=3&worker=worker-small&from=2026-01-01%2008:00&to=2026-01-02T08:00:00Z&sort=priority&desc=false");

        page.WaitForAssertion(() => Assert.NotEmpty(_client.RunQueries));
        var filter = _client.RunQueries[^1].Filter;
        Assert.Equal([RunState.Failed, RunState.TimedOut], filter.States);
        Assert.Equal(Priority.High, filter.Priority);
        Assert.Equal(3, filter.AgentId);
        Assert.Equal("worker-small", filter.Worker);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), filter.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.Zero), filter.CreatedTo);
        Assert.Equal(RunSort.Priority, filter.Sort);
        Assert.False(filter.Descending);
        Assert.Empty(page.FindAll("[data-testid=filter-errors]"));
    }

    [Fact]
    public void TimeWindow_FromTheAddress_FiltersOnRecentRuns()
    {
        var before = DateTimeOffset.UtcNow;

        var page = RenderAt("since=1h");

        page.WaitForAssertion(() => Assert.NotEmpty(_client.RunQueries));
        var from = _client.RunQueries[^1].Filter.CreatedFrom!.Value;
        Assert.InRange(from, before.AddHours(-1).AddSeconds(-5), DateTimeOffset.UtcNow.AddHours(-1).AddSeconds(5));
    }

    [Fact]
    public void BadFilterValues_AreExplainedAndIgnored()
    {
        var page = RenderAt("state=bogus&agent=three&from=2026-02-01%2000:00&to=2026-01-01%2000:00");

        var errors = page.WaitForElement("[data-testid=filter-errors]").TextContent;
        Assert.Contains("Unknown state 'bogus'", errors, StringComparison.Ordinal);
        Assert.Contains("'three' is not an agent id", errors, StringComparison.Ordinal);
        Assert.Contains("The time range is empty", errors, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.NotEmpty(_client.RunQueries));
        var filter = _client.RunQueries[^1].Filter;
        Assert.Empty(filter.States);
        Assert.Null(filter.AgentId);
        Assert.Null(filter.CreatedFrom);
    }

    [Fact]
    public void TypingATime_PutsItInTheAddress_AndABadOneSaysHowToWriteIt()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var page = RenderAt("state=failed");

        page.Find("input[data-testid=filter-from]").Change("not a time");
        Assert.Contains("Write a UTC time as yyyy-MM-dd HH:mm", page.Find(".runs-filters").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("from=", navigation.Uri, StringComparison.Ordinal);

        page.Find("input[data-testid=filter-from]").Change("2026-03-04 05:06");
        Assert.EndsWith("runs?state=failed&from=2026-03-04%2005%3A06", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Paging_AsksTheClientForTheNextPage()
    {
        for (var id = 60; id > 0; id--)
        {
            _client.History.Add(FakeDashboardClient.Run(id, RunState.Succeeded));
        }

        var page = Render<Runs>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("tbody tr.runs-row").Count));
        Assert.Equal((0, 25), (_client.RunQueries[^1].Skip, _client.RunQueries[^1].Take));

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal((25, 25), (_client.RunQueries[^1].Skip, _client.RunQueries[^1].Take)));
        page.WaitForAssertion(() => Assert.Contains("#35", page.Find("tbody tr.runs-row").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NewFilterInTheAddress_ReloadsFromTheFirstPage()
    {
        for (var id = 60; id > 0; id--)
        {
            _client.History.Add(FakeDashboardClient.Run(id, RunState.Failed));
        }

        var page = Render<Runs>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("tbody tr.runs-row").Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(25, _client.RunQueries[^1].Skip));

        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("runs?state=failed&worker=worker-large");

        page.WaitForAssertion(() => Assert.Equal("worker-large", _client.RunQueries[^1].Filter.Worker));
        var (filter, skip, _) = _client.RunQueries[^1];
        Assert.Equal([RunState.Failed], filter.States);
        Assert.Equal(0, skip);
    }

    [Fact]
    public void NoRuns_ShowsTheEmptyState()
    {
        var page = Render<Runs>();

        Assert.Equal("No runs yet", page.WaitForElement("[data-testid=empty-state] h2").TextContent);
    }

    [Fact]
    public void NoMatchingRuns_SaysTheFiltersMatchNothing()
    {
        var page = RenderAt("state=timed_out");

        Assert.Equal("No runs match these filters", page.WaitForElement("[data-testid=empty-state] h2").TextContent);
        Assert.False(page.Find(".runs-filter-clear").HasAttribute("disabled"));
    }

    [Fact]
    public async Task LiveChange_ReloadsTheCurrentPageWithinASecond()
    {
        _client.History.Add(FakeDashboardClient.Run(3, RunState.Running));
        var page = Render<Runs>();
        page.WaitForAssertion(() => Assert.Contains("running", page.Find("tbody tr.runs-row").TextContent, StringComparison.Ordinal));

        _client.History[0] = FakeDashboardClient.Run(3, RunState.Failed, version: 2);
        await _client.PublishAsync(FakeDashboardClient.Change(1, _client.History[0]));

        page.WaitForAssertion(() => Assert.Contains("failed", page.Find("tbody tr.runs-row [data-testid=run-state]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void AgentFilter_ListsTheAgentsByName()
    {
        _client.Agents.Add(Agent(3, "nightly-etl"));

        var page = RenderAt("agent=3");

        Assert.Equal("nightly-etl", page.Find("input[data-testid=filter-agent]").GetAttribute("value"));
    }

    [Fact]
    public async Task AgentRenamedLive_IsShownInTheAgentFilter()
    {
        _client.Agents.Add(Agent(3, "nightly-etl"));
        var page = RenderAt("agent=3");

        await _client.PublishAsync(new SchedulerChange { Sequence = 1, At = DateTimeOffset.UtcNow, Kind = ChangeKind.Agent, Agent = Agent(3, "nightly-load") });

        page.WaitForAssertion(() => Assert.Equal("nightly-load", page.Find("input[data-testid=filter-agent]").GetAttribute("value")));
    }

    private static AgentInfo Agent(int id, string name) =>
        new(id, new AgentDefinition { Name = name, Command = "noop", ExecutionEnvironment = ExecutionEnvironment.Builtin }, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1);

    private IRenderedComponent<Runs> RenderAt(string query)
    {
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo($"runs?{query}");
        return Render<Runs>();
    }
}
