using System.Net;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

public sealed class ScheduleApiTests(DashboardServer server)
{
    [Fact]
    public async Task PostSchedule_Recurring_Returns201WithTheTriggerAndTheNextFiveFireTimes()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("schedules", new
        {
            agentId,
            name = ApiClient.UniqueName("hourly"),
            type = "recurring",
            priority = "high",
            trigger = new { type = "cron", cron = "0 0 * * * ?", timeZone = "Europe/Paris", misfire = "skip" },
            resources = new { cpu = 0.25, memoryMb = 32 },
            constraints = new List<string> { "size=large" },
            parameters = new Dictionary<string, string> { ["MODE"] = "full" },
        });

        var schedule = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        var id = (int)schedule["id"]!;
        Assert.Equal($"/api/schedules/{id}", response.Headers.Location?.AbsolutePath);
        Assert.Equal("recurring", (string?)schedule["type"]);
        Assert.Equal("high", (string?)schedule["priority"]);
        Assert.Equal("cron", (string?)schedule["trigger"]!["type"]);
        Assert.Equal("skip", (string?)schedule["trigger"]!["misfire"]);
        Assert.Equal("Europe/Paris", (string?)schedule["trigger"]!["timeZone"]);
        Assert.Equal(0.25, (double)schedule["resources"]!["cpu"]!);
        Assert.Equal(["size=large"], schedule["constraints"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("full", (string?)schedule["parameters"]!["MODE"]);
        Assert.False((bool)schedule["paused"]!);
        var fireTimes = schedule["nextFireTimes"]!.AsArray().Select(t => DateTimeOffset.Parse((string)t!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, fireTimes.Count);
        Assert.All(fireTimes.Zip(fireTimes.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second - pair.First));
        Assert.Equal(id, (int)(await api.GetJsonAsync($"schedules/{id}"))["id"]!);
        Assert.Contains((await api.GetJsonAsync("schedules"))["items"]!.AsArray(), s => (int)s!["id"]! == id);
    }

    [Fact]
    public async Task PauseAndResume_ToggleThePausedFlagAndTheFireTimes()
    {
        await using var api = new ApiClient(server);
        var id = await CreateRecurringAsync(api);

        using var pause = await api.PostAsync($"schedules/{id}/pause");
        var paused = await ApiClient.ReadAsync(pause);
        using var resume = await api.PostAsync($"schedules/{id}/resume");
        var resumed = await ApiClient.ReadAsync(resume);

        Assert.True((bool)paused["paused"]!);
        Assert.Empty(paused["nextFireTimes"]!.AsArray());
        Assert.False((bool)resumed["paused"]!);
        Assert.Equal(5, resumed["nextFireTimes"]!.AsArray().Count);
    }

    [Fact]
    public async Task TriggerSchedule_WithParameters_Returns201WithARunCarryingThem()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var schedule = await CreateAsync(api, new { agentId, type = "api", priority = "low", trigger = new { type = "api" }, parameters = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" } });

        using var response = await api.PostAsync($"schedules/{schedule}/trigger", new { parameters = new Dictionary<string, string> { ["B"] = "3" } });

        var run = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        api.Track((long)run["id"]!);
        Assert.Equal($"/api/runs/{(long)run["id"]!}", response.Headers.Location?.AbsolutePath);
        Assert.Equal(schedule, (int)run["scheduleId"]!);
        Assert.Equal("api", (string?)run["trigger"]);
        Assert.Equal("low", (string?)run["priority"]);
        var spec = (await api.GetJsonAsync($"runs/{(long)run["id"]!}"))["spec"]!;
        Assert.Equal("1", (string?)spec["parameters"]!["A"]);
        Assert.Equal("3", (string?)spec["parameters"]!["B"]);
    }

    [Fact]
    public async Task TriggerSchedule_WithoutBody_CreatesARun()
    {
        await using var api = new ApiClient(server);
        var schedule = await CreateAsync(api, new { agentId = (int)(await api.CreateAgentAsync())["id"]!, type = "on_demand" });

        using var response = await api.PostAsync($"schedules/{schedule}/trigger");

        var run = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        api.Track((long)run["id"]!);
        Assert.Equal("manual", (string?)(await api.GetJsonAsync($"schedules/{schedule}"))["trigger"]!["type"]);
    }

    [Fact]
    public async Task PutSchedule_WithCurrentVersion_ReplacesTheDefinition()
    {
        await using var api = new ApiClient(server);
        var id = await CreateRecurringAsync(api);
        var current = await api.GetJsonAsync($"schedules/{id}");

        using var response = await api.PutAsync($"schedules/{id}", new
        {
            agentId = (int)current["agentId"]!,
            type = "recurring",
            priority = "background",
            trigger = new { type = "cron", cron = "0 30 * * * ?" },
            version = (long)current["version"]!,
        });

        var updated = await ApiClient.ReadAsync(response);
        Assert.Equal("background", (string?)updated["priority"]);
        Assert.Equal("0 30 * * * ?", (string?)updated["trigger"]!["cron"]);
        Assert.Equal((long)current["version"]! + 1, (long)updated["version"]!);
    }

    [Fact]
    public async Task PutSchedule_WithStaleVersion_Returns409AndKeepsTheSchedule()
    {
        await using var api = new ApiClient(server);
        var id = await CreateRecurringAsync(api);
        using (var pause = await api.PostAsync($"schedules/{id}/pause"))
        {
            await ApiClient.ReadAsync(pause);
        }

        using var response = await api.PutAsync($"schedules/{id}", new { agentId = (int)(await api.GetJsonAsync($"schedules/{id}"))["agentId"]!, version = 1 });

        await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("recurring", (string?)(await api.GetJsonAsync($"schedules/{id}"))["type"]);
    }

    [Fact]
    public async Task DeleteSchedule_Returns204AndTheScheduleIsGone()
    {
        await using var api = new ApiClient(server);
        var id = await CreateRecurringAsync(api);

        using var response = await api.SendAsync(HttpMethod.Delete, $"schedules/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var get = await api.GetAsync($"schedules/{id}");
        await Problems.AssertAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteAgent_UsedByASchedule_Returns409AndKeepsTheAgent()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        await CreateAsync(api, new { agentId });

        using var response = await api.SendAsync(HttpMethod.Delete, $"agents/{agentId}");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("schedule", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(agentId, (int)(await api.GetJsonAsync($"agents/{agentId}"))["id"]!);
    }

    [Theory]
    [InlineData("trigger")]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task ScheduleCommand_OnUnknownSchedule_Returns404Problem(string command)
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync($"schedules/987654321/{command}");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Schedule 987654321 does not exist.", (string?)problem["detail"]);
    }

    internal static async Task<int> CreateAsync(ApiClient api, object body)
    {
        using var response = await api.PostAsync("schedules", body);
        return (int)(await ApiClient.ReadAsync(response, HttpStatusCode.Created))["id"]!;
    }

    private static async Task<int> CreateRecurringAsync(ApiClient api) => await CreateAsync(api, new
    {
        agentId = (int)(await api.CreateAgentAsync())["id"]!,
        name = ApiClient.UniqueName("recurring"),
        type = "recurring",
        trigger = new { type = "cron", cron = "0 0 0 1 1 ?" },
    });

    internal static async Task<IEnumerable<JsonNode>> SchedulesOfAgentAsync(ApiClient api, int agentId) =>
        (await api.GetJsonAsync("schedules"))["items"]!.AsArray().Where(s => (int)s!["agentId"]! == agentId)!;
}
