using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

public sealed class EventApiTests(DashboardServer server)
{
    [Fact]
    public async Task PostEvent_FiresEveryActiveSubscribedSchedule_AndAnswersTheRuns()
    {
        await using var api = new ApiClient(server);
        var eventName = ApiClient.UniqueName("data.ready");
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var first = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "event", trigger = new { type = "event", @event = eventName } });
        var second = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "event", trigger = new { type = "event", @event = eventName } });
        var paused = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "event", trigger = new { type = "event", @event = eventName } });
        using (var pause = await api.PostAsync($"schedules/{paused}/pause"))
        {
            await ApiClient.ReadAsync(pause);
        }

        using var response = await api.PostAsync($"events/{eventName}", new { parameters = new Dictionary<string, string> { ["FILE"] = "a.csv" } });

        var runs = await ApiClient.ReadAsync(response);
        var items = runs["items"]!.AsArray();
        foreach (var run in items)
        {
            api.Track((long)run!["id"]!);
        }

        Assert.Equal(2, (int)runs["total"]!);
        Assert.Equal([first, second], items.Select(r => (int)r!["scheduleId"]!).Order());
        Assert.All(items, r => Assert.Equal("event", (string?)r!["trigger"]));
        var spec = (await api.GetJsonAsync($"runs/{(long)items[0]!["id"]!}"))["spec"]!;
        Assert.Equal("a.csv", (string?)spec["parameters"]!["FILE"]);
    }

    [Fact]
    public async Task PostEvent_NobodyListensFor_AnswersAnEmptyList()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync($"events/{ApiClient.UniqueName("unheard")}");

        var runs = await ApiClient.ReadAsync(response);
        Assert.Equal(0, (int)runs["total"]!);
        Assert.Empty(runs["items"]!.AsArray());
    }

    [Fact]
    public async Task PostEvent_WithInvalidName_Returns400NamingName()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("events/bad%20name");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task PostEvent_WithMistypedParameters_Returns400NamingParameters()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync($"events/{ApiClient.UniqueName("typed")}", """{"parameters":["a"]}""");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "parameters");
    }
}
