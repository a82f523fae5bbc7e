using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Tests.Model;

public sealed class RunsQueryTests
{
    [Fact]
    public void QueryString_ReadsBackAsTheSameQuery()
    {
        var query = new RunsQuery
        {
            States = [RunState.Failed, RunState.TimedOut],
            Priority = Priority.Background,
            AgentId = 12,
            Worker = "worker a&b",
            Since = RunsQuery.Windows[2],
            From = new DateTimeOffset(2026, 5, 6, 7, 8, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 5, 7, 0, 0, 0, TimeSpan.Zero),
            Sort = RunSort.Finished,
            Descending = false,
        };

        var text = query.ToQueryString();
        var values = text.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var back = RunsQuery.Parse(values["state"], values["priority"], values["agent"], values["worker"], values["since"], values["from"], values["to"], values["sort"], values["desc"]);

        Assert.Equal("state=failed%2Ctimed_out&priority=background&agent=12&worker=worker%20a%26b&since=24h&from=2026-05-06%2007%3A08&to=2026-05-07%2000%3A00&sort=finished&desc=false", text);
        Assert.Equal(query.States, back.States);
        Assert.Empty(back.Errors);
        Assert.Equal(query with { States = back.States, Errors = back.Errors }, back);
    }

    [Fact]
    public void DefaultQuery_HasAnEmptyQueryString_AndSortsNewestCreatedFirst()
    {
        var query = RunsQuery.Parse(null, null, null, null, null, null, null, null, null);

        Assert.Equal(string.Empty, query.ToQueryString());
        Assert.False(query.Narrowed);
        Assert.Equal((RunSort.Created, true), (query.Sort, query.Descending));
        Assert.Empty(query.Errors);
    }

    [Fact]
    public void Window_IsMeasuredBackFromNow_AndTheLaterOfWindowAndFromWins()
    {
        var now = new DateTimeOffset(2026, 5, 6, 12, 0, 0, TimeSpan.Zero);
        var lastHour = RunsQuery.Parse(null, null, null, null, "1h", null, null, null, null);
        var narrowerFrom = RunsQuery.Parse(null, null, null, null, "7d", "2026-05-06 11:30", null, null, null);

        Assert.Equal(now.AddHours(-1), lastHour.ToFilter(now).CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 11, 30, 0, TimeSpan.Zero), narrowerFrom.ToFilter(now).CreatedFrom);
    }

    [Theory]
    [InlineData("state", "running,sleeping", "Unknown state 'sleeping'")]
    [InlineData("priority", "urgent", "Unknown priority 'urgent'")]
    [InlineData("agent", "-4", "'-4' is not an agent id")]
    [InlineData("since", "3y", "Unknown time window '3y'")]
    [InlineData("from", "tuesday", "'tuesday' is not a time for 'from'")]
    [InlineData("sort", "name", "Unknown sort 'name'")]
    [InlineData("desc", "maybe", "'maybe' is not true or false")]
    public void BadValue_IsExplained(string name, string value, string message)
    {
        string? Get(string key) => key == name ? value : null;

        var query = RunsQuery.Parse(Get("state"), Get("priority"), Get("agent"), Get("worker"), Get("since"), Get("from"), Get("to"), Get("sort"), Get("desc"));

        Assert.Contains(query.Errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }
}
