using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>Every bad schedule input is a 400 problem naming the field, and creates nothing.</summary>
public sealed class ScheduleValidationApiTests(DashboardServer server)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"agentId":AGENT,"type":"recurring","trigger":{"type":"cron","cron":"every tuesday"}}""", "trigger.cron" },
        { """{"agentId":AGENT,"type":"recurring","trigger":{"type":"cron"}}""", "trigger.cron" },
        { """{"agentId":AGENT,"type":"recurring","trigger":{"type":"cron","cron":"0 0 * * * ?","timeZone":"Mars/Olympus"}}""", "trigger.timeZone" },
        { """{"agentId":AGENT,"type":"recurring","trigger":{"type":"cron","cron":"0 0 * * * ?","misfire":"later"}}""", "trigger.misfire" },
        { """{"agentId":AGENT,"type":"recurring","trigger":{"type":"manual"}}""", "trigger.type" },
        { """{"agentId":AGENT,"type":"event","trigger":{"type":"event"}}""", "trigger.event" },
        { """{"agentId":AGENT,"type":"weekly"}""", "type" },
        { """{"agentId":AGENT,"priority":"urgent"}""", "priority" },
        { """{"agentId":987654321}""", "agentId" },
        { """{"type":"on_demand"}""", "agentId" },
        { """{"agentId":AGENT,"resources":{"cpu":-2,"memoryMb":16}}""", "resources.cpu" },
        { """{"agentId":AGENT,"resources":{"cpu":"NaN","memoryMb":16}}""", "resources.cpu" },
        { """{"agentId":AGENT,"resources":{"cpu":1,"memoryMb":16,"gpu":2}}""", "resources" },
        { """{"agentId":AGENT,"constraints":["size=enormous"],"resources":{"cpu":1,"memoryMb":16}}""", "constraints" },
        { """{"agentId":AGENT,"dependencies":[987654321]}""", "dependencies" },
        { """{"agentId":AGENT,"parameters":{"not a name":"v"}}""", "parameters.not a name" },
        { """{"agentId":AGENT,"trigger":null}""", "trigger" },
        { """{"agentId":AGENT,""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostSchedule_WithBadInput_Returns400NamingTheFieldAndCreatesNothing(string body, string field)
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("schedules", body.Replace("AGENT", agentId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(await ScheduleApiTests.SchedulesOfAgentAsync(api, agentId));
    }

    [Fact]
    public async Task PostSchedule_WithInvalidCron_SaysWhatIsWrong()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("schedules", new { agentId, type = "recurring", trigger = new { type = "cron", cron = "61 * * * * ?" } });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "trigger.cron");
        Assert.StartsWith("Invalid cron expression", Problems.Message(problem, "trigger.cron"), StringComparison.Ordinal);
        Assert.Empty(await ScheduleApiTests.SchedulesOfAgentAsync(api, agentId));
    }

    [Fact]
    public async Task PutSchedule_WithInvalidCron_Returns400AndKeepsTheOldCron()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var id = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "recurring", trigger = new { type = "cron", cron = "0 0 0 1 1 ?" } });

        using var response = await api.PutAsync($"schedules/{id}", new { agentId, type = "recurring", trigger = new { type = "cron", cron = "nope" } });

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "trigger.cron");
        var schedule = await api.GetJsonAsync($"schedules/{id}");
        Assert.Equal("0 0 0 1 1 ?", (string?)schedule["trigger"]!["cron"]);
        Assert.Equal(1, (long)schedule["version"]!);
    }

    [Fact]
    public async Task PutSchedule_Unknown_Returns404Problem()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PutAsync("schedules/987654321", new { agentId });

        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
