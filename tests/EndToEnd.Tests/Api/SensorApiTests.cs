using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary><c>POST /api/sensors/{name}</c> and the conditional schedules that watch a sensor.</summary>
public sealed class SensorApiTests(DashboardServer server)
{
    [Fact]
    public async Task PostSensor_CrossingTheThreshold_FiresTheScheduleOnceUntilTheValueFallsBackAndCrossesAgain()
    {
        await using var api = new ApiClient(server);
        var sensor = ApiClient.UniqueName("temperature");
        var schedule = await ScheduleApiTests.CreateAsync(api, new
        {
            agentId = (int)(await api.CreateAgentAsync())["id"]!,
            type = "conditional",
            priority = "high",
            trigger = new { type = "sensor", condition = new { sensor, above = 50 } },
        });

        var fired = new List<int>();
        foreach (var value in new[] { 10, 60, 70, 40, 80 })
        {
            using var response = await api.PostAsync($"sensors/{sensor}", new { value });
            var runs = await ApiClient.ReadAsync(response);
            Assert.Equal(runs["items"]!.AsArray().Count, (int)runs["total"]!);
            foreach (var run in runs["items"]!.AsArray())
            {
                api.Track((long)run!["id"]!);
                Assert.Equal((schedule, "sensor", "high"), ((int)run["scheduleId"]!, (string?)run["trigger"], (string?)run["priority"]));
            }

            fired.Add(runs["items"]!.AsArray().Count);
        }

        Assert.Equal([0, 1, 0, 0, 1], fired);
    }

    [Fact]
    public async Task PostSensor_ThatNoScheduleWatches_Returns200WithNoRuns()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync($"sensors/{ApiClient.UniqueName("unwatched")}", new { value = 1.5 });

        var runs = await ApiClient.ReadAsync(response);
        Assert.Empty(runs["items"]!.AsArray());
        Assert.Equal(0, (int)runs["total"]!);
    }

    [Theory]
    [InlineData("bad%20name!", """{"value":1}""", "name")]
    [InlineData("ok", """{"value":"high"}""", "value")]
    [InlineData("ok", """{"value":"NaN"}""", "value")]
    [InlineData("ok", """{"value":true}""", "value")]
    [InlineData("ok", """{}""", "value")]
    [InlineData("ok", """{"value":1""", "body")]
    public async Task PostSensor_WithBadNameOrValue_Returns400NamingTheField(string name, string body, string field)
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync($"sensors/{name}", body);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ConditionalSchedule_OnFreeResources_FiresWhenSomeWorkerHasThatMuchFree()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var schedule = await ScheduleApiTests.CreateAsync(api, new
        {
            agentId,
            type = "conditional",
            trigger = new { type = "sensor", condition = new { freeResources = new { cpu = 0.1, memoryMb = 1 } } },
        });

        try
        {
            var total = 0;
            for (var i = 0; i < 150 && total == 0; i++)
            {
                await Task.Delay(100, ApiClient.Token);
                total = (int)(await api.GetJsonAsync($"runs?scheduleId={schedule}"))["total"]!;
            }

            Assert.True(total > 0, "the schedule did not fire although the workers have free resources");
            var runs = (await api.GetJsonAsync($"runs?scheduleId={schedule}"))["items"]!.AsArray();
            Assert.All(runs, run => Assert.Equal("sensor", (string?)run!["trigger"]));
        }
        finally
        {
            using var _ = await api.SendAsync(HttpMethod.Delete, $"schedules/{schedule}");
        }
    }
}
