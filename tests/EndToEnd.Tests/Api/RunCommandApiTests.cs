using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>
/// Cancel and move. Queued runs come from an agent limited to one run at a time whose first run sleeps, so the
/// others wait in their lanes for as long as the test needs them there.
/// </summary>
public sealed class RunCommandApiTests(DashboardServer server)
{
    [Fact]
    public async Task CancelRun_Running_Returns202AndTheRunEndsCancelled()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["30"]))["id"]!;
        var id = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        await api.WaitForStateAsync(id, "running");

        using var response = await api.PostAsync($"runs/{id}/cancel", new { reason = "no longer needed" });

        var accepted = await ApiClient.ReadAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("cancel", (string?)accepted["stopping"]);
        var detail = await api.WaitForStateAsync(id, "cancelled");
        var last = detail["timeline"]!.AsArray()[^1]!;
        Assert.Equal("cancelled", (string?)last["kind"]);
        Assert.Equal("api", (string?)last["actor"]!["kind"]);
    }

    [Fact]
    public async Task CancelRun_Queued_Returns200Cancelled()
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueueBehindASleeperAsync(api, "medium");

        using var response = await api.PostAsync($"runs/{queued[0]}/cancel");

        var run = await ApiClient.ReadAsync(response);
        Assert.Equal("cancelled", (string?)run["state"]);
        Assert.DoesNotContain(await LaneAsync(api, "medium"), r => r == queued[0]);
    }

    [Fact]
    public async Task CancelRun_Finished_Returns409AndTheRunStaysSucceeded()
    {
        await using var api = new ApiClient(server);
        var id = (long)(await api.CreateRunAsync(new { agentId = (int)(await api.CreateAgentAsync())["id"]! }))["id"]!;
        var before = await api.WaitForStateAsync(id, "succeeded");

        using var response = await api.PostAsync($"runs/{id}/cancel");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Equal($"Run {id} already succeeded; it cannot be cancelled.", (string?)problem["detail"]);
        var after = await api.GetJsonAsync($"runs/{id}");
        Assert.Equal("succeeded", (string?)after["run"]!["state"]);
        Assert.Equal(before["timeline"]!.AsArray().Count, after["timeline"]!.AsArray().Count);
        Assert.Equal((long)before["run"]!["version"]!, (long)after["run"]!["version"]!);
    }

    [Fact]
    public async Task CancelRun_Unknown_Returns404Problem()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("runs/987654321/cancel");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Run 987654321 does not exist.", (string?)problem["detail"]);
    }

    [Fact]
    public async Task MoveRun_BeforeAnotherRunOfTheLane_ReordersTheLane()
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueueBehindASleeperAsync(api, "low", count: 3);

        using var response = await api.PutAsync($"runs/{queued[2]}/position", new { priority = "low", beforeRunId = queued[0] });

        await ApiClient.ReadAsync(response);
        Assert.Equal([queued[2], queued[0], queued[1]], (await LaneAsync(api, "low")).Where(queued.Contains));
    }

    [Fact]
    public async Task MoveRun_ToAnotherLane_ChangesItsPriorityAndKeepsTheRequestedOne()
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueueBehindASleeperAsync(api, "background", count: 2);

        using var response = await api.PutAsync($"runs/{queued[1]}/position", new { priority = "critical" });

        var run = await ApiClient.ReadAsync(response);
        Assert.Equal("critical", (string?)run["priority"]);
        Assert.Equal("background", (string?)run["requestedPriority"]);
        Assert.Contains(queued[1], await LaneAsync(api, "critical"));
        Assert.DoesNotContain(queued[1], await LaneAsync(api, "background"));
    }

    [Fact]
    public async Task MoveRun_OntoARunInAnotherLane_Returns400NamingBeforeRunIdAndKeepsTheOrder()
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueueBehindASleeperAsync(api, "low", count: 2);
        var before = (await LaneAsync(api, "low")).Where(queued.Contains).ToList();

        using var response = await api.PutAsync($"runs/{queued[1]}/position", new { priority = "high", beforeRunId = queued[0] });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "beforeRunId");
        Assert.Contains("low lane, not the high lane", Problems.Message(problem, "beforeRunId"), StringComparison.Ordinal);
        Assert.Equal(before, (await LaneAsync(api, "low")).Where(queued.Contains));
    }

    [Fact]
    public async Task MoveRun_Running_Returns409()
    {
        await using var api = new ApiClient(server);
        var (running, _) = await QueueBehindASleeperAsync(api, "medium");

        using var response = await api.PutAsync($"runs/{running}/position", new { priority = "high" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("only queued runs can be moved", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"beforeRunId":1}""", "priority")]
    [InlineData("""{"priority":"sideways"}""", "priority")]
    [InlineData("""{"priority":"low","beforeRunId":987654321}""", "beforeRunId")]
    [InlineData("""{"priority":"low","afterRunId":"x"}""", "afterRunId")]
    public async Task MoveRun_WithBadInput_Returns400NamingTheFieldAndKeepsTheRunInPlace(string body, string field)
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueueBehindASleeperAsync(api, "medium");

        using var response = await api.PutAsync($"runs/{queued[0]}/position", body);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
        var detail = await api.GetJsonAsync($"runs/{queued[0]}");
        Assert.Equal("medium", (string?)detail["run"]!["priority"]);
        Assert.Equal(["created"], detail["timeline"]!.AsArray().Select(t => (string?)t!["kind"]));
    }

    [Fact]
    public async Task MoveRun_Unknown_Returns404Problem()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PutAsync("runs/987654321/position", new { priority = "low" });

        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>A running sleeper of a one-at-a-time agent, and <paramref name="count"/> runs of it queued in <paramref name="lane"/>.</summary>
    private static async Task<(long Running, List<long> Queued)> QueueBehindASleeperAsync(ApiClient api, string lane, int count = 1)
    {
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["30"], maxConcurrency: 1))["id"]!;
        var running = (long)(await api.CreateRunAsync(new { agentId, priority = "critical" }))["id"]!;
        await api.WaitForStateAsync(running, "running");
        var queued = new List<long>();
        for (var i = 0; i < count; i++)
        {
            queued.Add((long)(await api.CreateRunAsync(new { agentId, priority = lane }))["id"]!);
        }

        return (running, queued);
    }

    private static async Task<List<long>> LaneAsync(ApiClient api, string lane)
    {
        var queue = await api.GetJsonAsync("queue");
        return [.. queue["lanes"]!.AsArray().Single(l => (string?)l!["priority"] == lane)!["runs"]!.AsArray().Select(r => (long)r!["id"]!)];
    }
}
