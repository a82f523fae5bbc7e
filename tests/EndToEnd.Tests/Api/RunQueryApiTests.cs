using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

public sealed class RunQueryApiTests(DashboardServer server)
{
    [Fact]
    public async Task ListRuns_FilteredByAgentAndState_PagesWithTheTotal()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((long)(await api.CreateRunAsync(new { agentId }))["id"]!);
        }

        foreach (var id in ids)
        {
            await api.WaitForStateAsync(id, "succeeded");
        }

        var first = await api.GetJsonAsync($"runs?agentId={agentId}&state=succeeded&sort=id&desc=false&take=2");
        var second = await api.GetJsonAsync($"runs?agentId={agentId}&state=succeeded&sort=id&desc=false&take=2&skip=2");
        var newestFirst = await api.GetJsonAsync($"runs?agentId={agentId}");

        Assert.Equal(3, (int)first["total"]!);
        Assert.Equal(ids[..2], first["items"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal(ids[2..], second["items"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal(Enumerable.Reverse(ids), newestFirst["items"]!.AsArray().Select(r => (long)r!["id"]!));
    }

    [Fact]
    public async Task ListRuns_WithRepeatedState_MatchesAnyOfThem()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["30"], maxConcurrency: 1))["id"]!;
        var running = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        await api.WaitForStateAsync(running, "running");
        var queued = (long)(await api.CreateRunAsync(new { agentId, priority = "low" }))["id"]!;

        var both = await api.GetJsonAsync($"runs?agentId={agentId}&state=running&state=queued");
        var onlyQueued = await api.GetJsonAsync($"runs?agentId={agentId}&state=queued&priority=low");

        Assert.Equal([queued, running], both["items"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal([queued], onlyQueued["items"]!.AsArray().Select(r => (long)r!["id"]!));
    }

    [Fact]
    public async Task ListRuns_FilteredByCreationTimeAndWorker_AnswersOnlyTheRunsInside()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var early = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        var earlyDetail = await api.WaitForStateAsync(early, "succeeded");
        var earlyCreated = DateTimeOffset.Parse((string)earlyDetail["run"]!["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(50, ApiClient.Token);
        var late = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        var lateDetail = await api.WaitForStateAsync(late, "succeeded");
        var worker = (string)lateDetail["run"]!["ownerWorkerId"]!;
        var after = Uri.EscapeDataString(earlyCreated.AddMilliseconds(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var upTo = Uri.EscapeDataString(earlyCreated.AddMilliseconds(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        var fromLater = await api.GetJsonAsync($"runs?agentId={agentId}&from={after}");
        var beforeThat = await api.GetJsonAsync($"runs?agentId={agentId}&to={upTo}");
        var onWorker = await api.GetJsonAsync($"runs?agentId={agentId}&worker={worker}&from={after}");
        var onNoWorker = await api.GetJsonAsync($"runs?agentId={agentId}&worker=worker-nowhere");

        Assert.Equal([late], fromLater["items"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal([early], beforeThat["items"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal([late], onWorker["items"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal(0, (int)onNoWorker["total"]!);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("state=bogus", "state")]
    [InlineData("state=queued&state=Running", "state")]
    [InlineData("priority=urgent", "priority")]
    [InlineData("agentId=one", "agentId")]
    [InlineData("scheduleId=1.5", "scheduleId")]
    [InlineData("sort=name", "sort")]
    [InlineData("desc=maybe", "desc")]
    [InlineData("skip=-1", "skip")]
    [InlineData("take=0", "take")]
    [InlineData("take=501", "take")]
    [InlineData("take=many", "take")]
    public async Task ListRuns_WithBadQueryValue_Returns400NamingTheParameter(string query, string parameter)
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync($"runs?{query}");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task GetRunLogs_AfterALine_AnswersOnlyTheLinesAfterIt()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("print", ["5", "1"]))["id"]!;
        var id = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        await api.WaitForStateAsync(id, "succeeded");

        var all = await api.GetJsonAsync($"runs/{id}/logs");
        var tail = await api.GetJsonAsync($"runs/{id}/logs?after=2&max=2");

        var numbers = all["items"]!.AsArray().Select(l => (long)l!["number"]!).ToList();
        Assert.True(numbers.Count >= 5, $"only {numbers.Count} lines");
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => (long)n), numbers);
        Assert.Contains(all["items"]!.AsArray(), l => (string?)l!["stream"] == "stdout");
        Assert.Equal([3L, 4L], tail["items"]!.AsArray().Select(l => (long)l!["number"]!));
        Assert.Equal(4, (long)tail["nextAfter"]!);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=x", "after")]
    [InlineData("max=0", "max")]
    [InlineData("max=10001", "max")]
    public async Task GetRunLogs_WithBadQueryValue_Returns400NamingTheParameter(string query, string parameter)
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync($"runs/1/logs?{query}");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task GetRunLogs_OfUnknownRun_Returns404Problem()
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync("runs/987654321/logs");

        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetQueue_AnswersTheFiveLanesHighestFirstWithTheFeedSequence()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["30"]))["id"]!;
        var running = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        await api.WaitForStateAsync(running, "running");

        var queue = await api.GetJsonAsync("queue");

        Assert.Equal(["critical", "high", "medium", "low", "background"], queue["lanes"]!.AsArray().Select(l => (string?)l!["priority"]));
        Assert.True((long)queue["sequence"]! > 0);
        Assert.Contains(queue["active"]!.AsArray(), r => (long)r!["id"]! == running && (string?)r["state"] == "running");
    }

    [Theory]
    [InlineData("perLane=0")]
    [InlineData("perLane=100001")]
    [InlineData("perLane=all")]
    public async Task GetQueue_WithBadPerLane_Returns400NamingTheParameter(string query)
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync($"queue?{query}");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "perLane");
    }

    [Fact]
    public async Task GetWorkers_AnswersTheConfiguredWorkersWithCapacityAndFreeResources()
    {
        await using var api = new ApiClient(server);

        var workers = await api.GetJsonAsync("workers");

        Assert.Equal(2, (int)workers["total"]!);
        Assert.True((long)workers["sequence"]! >= 0);
        var large = workers["items"]!.AsArray().Single(w => (string?)w!["id"] == "worker-large")!;
        Assert.Equal(8, (double)large["capacity"]!["cpu"]!);
        Assert.Equal(16384, (double)large["capacity"]!["memoryMb"]!);
        Assert.Equal(1, (double)large["capacity"]!["gpu"]!);
        Assert.Equal("large", (string?)large["labels"]!["size"]);
        Assert.Equal("online", (string?)large["state"]);
        Assert.True((bool)large["embedded"]!);
        Assert.Equal((double)large["capacity"]!["cpu"]! - (double)large["reserved"]!["cpu"]!, (double)large["free"]!["cpu"]!, 3);
        var small = workers["items"]!.AsArray().Single(w => (string?)w!["id"] == "worker-small")!;
        Assert.Equal(2, (double)small["capacity"]!["cpu"]!);
    }
}
