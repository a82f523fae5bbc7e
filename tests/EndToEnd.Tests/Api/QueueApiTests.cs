namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>
/// <c>GET /api/queue</c> with a lane's total, on the isolated server so that no other test queues runs into the
/// lane it counts.
/// </summary>
[Collection(OnIsolatedServer.Name)]
public sealed class QueueApiTests(IsolatedServer server)
{
    [Fact]
    public async Task GetQueue_WithPerLane_ListsTheFirstRunsOfEachLaneAndItsTotal()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["30"], maxConcurrency: 1))["id"]!;
        var runs = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            runs.Add((long)(await api.CreateRunAsync(new { agentId, priority = "critical" }))["id"]!);
        }

        await api.WaitForStateAsync(runs[0], "running");
        var queue = await api.GetJsonAsync("queue?perLane=2");

        var critical = queue["lanes"]!.AsArray().Single(l => (string?)l!["priority"] == "critical")!;
        Assert.Equal([runs[1], runs[2]], critical["runs"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal(3, (int)critical["total"]!);
        foreach (var id in runs)
        {
            using var cancelled = await api.PostAsync($"runs/{id}/cancel");
            Assert.True(cancelled.IsSuccessStatusCode, $"cancel of run {id}: {(int)cancelled.StatusCode}");
        }
    }
}
