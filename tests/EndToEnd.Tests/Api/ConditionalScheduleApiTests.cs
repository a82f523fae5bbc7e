using System.Globalization;
using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>Conditional and cascading schedules through <c>/api/schedules</c>: their shapes, how they fire, and their errors.</summary>
public sealed class ConditionalScheduleApiTests(DashboardServer server)
{
    [Fact]
    public async Task PostSchedule_Conditional_Returns201AndReadsBackTheCondition()
    {
        await using var api = new ApiClient(server);
        var sensor = ApiClient.UniqueName("queue-depth");

        var id = await ScheduleApiTests.CreateAsync(api, new
        {
            agentId = (int)(await api.CreateAgentAsync())["id"]!,
            type = "conditional",
            trigger = new { type = "sensor", timeZone = "Europe/Paris", condition = new { sensor, above = 10.5, below = 90, windowStart = "22:00", windowEnd = "06:00" } },
        });

        var schedule = await api.GetJsonAsync($"schedules/{id}");
        var condition = schedule["trigger"]!["condition"]!;
        Assert.Equal(("conditional", "sensor"), ((string?)schedule["type"], (string?)schedule["trigger"]!["type"]));
        Assert.Equal((sensor, 10.5, 90.0), ((string?)condition["sensor"], (double)condition["above"]!, (double)condition["below"]!));
        Assert.Equal(("22:00", "06:00"), ((string?)condition["windowStart"], (string?)condition["windowEnd"]));
        Assert.Null(condition["freeResources"]);
        Assert.Null(schedule["trigger"]!["upstreamScheduleId"]);
    }

    [Fact]
    public async Task CascadingSchedule_FiresWhenARunOfItsUpstreamSucceedsAndShowsInTheGraph()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var upstream = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "on_demand" });
        var cascade = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "cascading", trigger = new { type = "dependency", upstreamScheduleId = upstream } });
        Assert.Equal(upstream, (int)(await api.GetJsonAsync($"schedules/{cascade}"))["trigger"]!["upstreamScheduleId"]!);

        using var trigger = await api.PostAsync($"schedules/{upstream}/trigger");
        var first = (long)(await ApiClient.ReadAsync(trigger, HttpStatusCode.Created))["id"]!;
        await api.WaitForStateAsync(first, "succeeded");

        var total = 0;
        for (var i = 0; i < 150 && total == 0; i++)
        {
            total = (int)(await api.GetJsonAsync($"runs?scheduleId={cascade}"))["total"]!;
            await Task.Delay(total == 0 ? 100 : 0, ApiClient.Token);
        }

        var fired = Assert.Single((await api.GetJsonAsync($"runs?scheduleId={cascade}"))["items"]!.AsArray())!;
        Assert.Equal("dependency", (string?)fired["trigger"]);
        Assert.Equal(first.ToString(CultureInfo.InvariantCulture), (string?)(await api.GetJsonAsync($"runs/{(long)fired["id"]!}"))["spec"]!["parameters"]!["UPSTREAM_RUN_ID"]);
        var graph = await api.GetJsonAsync("graph");
        Assert.Contains(graph["scheduleEdges"]!.AsArray(), e => (int)e!["schedule"]! == cascade && (int)e["upstream"]! == upstream && (bool)e["cascade"]!);
        Assert.Contains(graph["schedules"]!.AsArray(), s => (int)s!["scheduleId"]! == cascade && (string?)s["type"] == "cascading");
    }

    [Fact]
    public async Task PutSchedule_ThatWouldCascadeInACycle_Returns400NamingUpstreamScheduleIdAndKeepsTheSchedule()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var first = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "on_demand" });
        var second = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "cascading", trigger = new { type = "dependency", upstreamScheduleId = first } });

        using var response = await api.PutAsync($"schedules/{first}", new { agentId, type = "cascading", trigger = new { type = "dependency", upstreamScheduleId = second } });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "trigger.upstreamScheduleId");
        Assert.Contains("cycle", Problems.Message(problem, "trigger.upstreamScheduleId"), StringComparison.Ordinal);
        Assert.Equal("on_demand", (string?)(await api.GetJsonAsync($"schedules/{first}"))["type"]);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor"}}""", "trigger.condition" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"sensor":"s1"}}}""", "trigger.condition" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"sensor":"s1","above":1,"freeResources":{"cpu":1}}}}""", "trigger.condition" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"sensor":"no spaces","above":1}}}""", "trigger.condition.sensor" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"sensor":"s1","above":"hot"}}}""", "trigger.condition.above" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"freeResources":{"cpu":-1}}}}""", "trigger.condition.freeResources.cpu" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"freeResources":{"memoryMb":"NaN"}}}}""", "trigger.condition.freeResources.memoryMb" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"sensor":"s1","above":1,"windowStart":"25:00","windowEnd":"06:00"}}}""", "trigger.condition.windowStart" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"sensor","condition":{"sensor":"s1","above":1,"windowStart":"22:00"}}}""", "trigger.condition.windowEnd" },
        { """{"agentId":AGENT,"type":"conditional","trigger":{"type":"manual","condition":{"sensor":"s1","above":1}}}""", "trigger.type" },
        { """{"agentId":AGENT,"type":"on_demand","trigger":{"type":"manual","condition":{"sensor":"s1","above":1}}}""", "trigger.condition" },
        { """{"agentId":AGENT,"type":"cascading","trigger":{"type":"dependency"}}""", "trigger.upstreamScheduleId" },
        { """{"agentId":AGENT,"type":"cascading","trigger":{"type":"dependency","upstreamScheduleId":987654321}}""", "trigger.upstreamScheduleId" },
        { """{"agentId":AGENT,"type":"cascading","trigger":{"type":"dependency","upstreamScheduleId":"first"}}""", "trigger.upstreamScheduleId" },
        { """{"agentId":AGENT,"type":"on_demand","trigger":{"type":"manual","upstreamScheduleId":1}}""", "trigger.upstreamScheduleId" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostSchedule_WithABadConditionOrUpstream_Returns400NamingTheFieldAndCreatesNothing(string body, string field)
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("schedules", body.Replace("AGENT", agentId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(await ScheduleApiTests.SchedulesOfAgentAsync(api, agentId));
    }
}
