using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary><c>POST /api/runs/batch</c>: a DAG by key, created all or none; and the trigger rules of dependent runs.</summary>
public sealed class BatchApiTests(DashboardServer server)
{
    [Fact]
    public async Task PostBatch_Dag_Returns201CreatesDependenciesFirstAndRunsThemInOrder()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        var items = await CreateBatchAsync(api, new
        {
            runs = new object[]
            {
                new { key = "report", agentId, dependsOnKeys = new List<string> { "extract", "load" } },
                new { key = "load", agentId, dependsOnKeys = new List<string> { "transform" } },
                new { key = "transform", agentId, dependsOnKeys = new List<string> { "extract" } },
                new { key = "extract", agentId, priority = "high" },
            },
        });

        var (report, load, transform, extract) = (Id(items[0]), Id(items[1]), Id(items[2]), Id(items[3]));
        Assert.True(extract < transform && transform < load && load < report, $"created out of order: {extract}, {transform}, {load}, {report}");
        Assert.Equal(["pending", "pending", "pending", "queued"], items.Select(r => (string?)r["state"]));
        Assert.Equal([extract, load], items[0]["dependsOn"]!.AsArray().Select(d => (long)d!).Order());
        Assert.Equal(3, (int)items[0]["depth"]!);
        var finished = new Dictionary<long, JsonNode>();
        foreach (var id in new[] { extract, transform, load, report })
        {
            finished[id] = (await api.WaitForStateAsync(id, "succeeded"))["run"]!;
        }

        Assert.True(Time(finished[transform], "startedAt") >= Time(finished[extract], "finishedAt"));
        Assert.True(Time(finished[load], "startedAt") >= Time(finished[transform], "finishedAt"));
        Assert.True(Time(finished[report], "startedAt") >= Time(finished[load], "finishedAt"));
    }

    [Fact]
    public async Task PostBatch_WithTriggerRules_AllDoneRunsAfterAFailureAndAllSuccessIsUpstreamFailed()
    {
        await using var api = new ApiClient(server);
        var noop = (int)(await api.CreateAgentAsync())["id"]!;
        var fail = (int)(await api.CreateAgentAsync("fail", ["3", "broken"]))["id"]!;

        var items = await CreateBatchAsync(api, new
        {
            runs = new object[]
            {
                new { key = "fails", agentId = fail },
                new { key = "anyway", agentId = noop, dependsOnKeys = new List<string> { "fails" }, triggerRule = "all_done", preemptionMode = "cancel" },
                new { key = "strict", agentId = noop, dependsOnKeys = new List<string> { "fails" } },
            },
        });

        await api.WaitForStateAsync(Id(items[0]), "failed");
        var anyway = await api.WaitForStateAsync(Id(items[1]), "succeeded");
        await api.WaitForStateAsync(Id(items[2]), "upstream_failed");
        Assert.Equal(("all_done", "cancel"), ((string?)anyway["spec"]!["triggerRule"], (string?)anyway["spec"]!["preemptionMode"]));
    }

    [Fact]
    public async Task PostBatch_WithACycle_Returns400NamingTheCycleOnRunsAndCreatesNothing()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("runs/batch", new
        {
            runs = new object[]
            {
                new { key = "a", agentId, dependsOnKeys = new List<string> { "c" } },
                new { key = "b", agentId, dependsOnKeys = new List<string> { "a" } },
                new { key = "c", agentId, dependsOnKeys = new List<string> { "b" } },
                new { key = "d", agentId },
            },
        });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "runs");
        Assert.Contains("cycle: a → b → c → a", Problems.Message(problem, "runs"), StringComparison.Ordinal);
        Assert.Equal(0, await api.RunCountAsync(agentId));
    }

    public static TheoryData<string, string> BadBatches => new()
    {
        { """{"runs":[{"key":"a","agentId":AGENT},{"key":"b","agentId":AGENT,"dependsOnKeys":["nope"]}]}""", "runs[1].dependsOnKeys" },
        { """{"runs":[{"key":"a","agentId":AGENT},{"key":"a","agentId":AGENT}]}""", "runs[1].key" },
        { """{"runs":[{"agentId":AGENT}]}""", "runs[0].key" },
        { """{"runs":[{"key":"a","agentId":AGENT},{"key":"b"}]}""", "runs[1].agentId" },
        { """{"runs":[{"key":"a","agentId":987654321}]}""", "runs[0].agentId" },
        { """{"runs":[{"key":"a","agentId":AGENT},{"key":"b","agentId":AGENT,"resources":{"cpu":1,"memoryMb":-1}}]}""", "runs[1].resources.memoryMb" },
        { """{"runs":[{"key":"a","agentId":AGENT,"resources":{"cpu":64,"memoryMb":1}}]}""", "runs[0].resources" },
        { """{"runs":[{"key":"a","agentId":AGENT,"dependsOn":[987654321]}]}""", "runs[0].dependsOn" },
        { """{"runs":[{"key":"a","agentId":AGENT,"parameters":{"1x":"v"}}]}""", "runs[0].parameters.1x" },
        { """{"runs":[{"key":"a","agentId":AGENT,"priority":"urgent"}]}""", "runs[0].priority" },
        { """{"runs":[{"key":"a","agentId":AGENT,"triggerRule":"any"}]}""", "runs[0].triggerRule" },
        { """{"runs":[{"key":"a","agentId":AGENT,"preemptionMode":"pause"}]}""", "runs[0].preemptionMode" },
        { """{"runs":[null]}""", "runs[0]" },
        { """{"runs":[]}""", "runs" },
        { """{}""", "runs" },
        { """{"runs":{}}""", "runs" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task PostBatch_WithABadRun_Returns400NamingItsFieldAndCreatesNothing(string body, string field)
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("runs/batch", body.Replace("AGENT", agentId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await api.RunCountAsync(agentId));
    }

    [Fact]
    public async Task PostBatch_ChainDeeperThanTheLimit_Returns400NamingTheRunPastTheLimitAndCreatesNothing()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;
        var chain = Enumerable.Range(0, 12).Select(i => new { key = $"k{i}", agentId, dependsOnKeys = i == 0 ? Array.Empty<string>() : [$"k{i - 1}"] });

        using var response = await api.PostAsync("runs/batch", new { runs = chain });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "runs[11].dependsOn");
        Assert.Contains("would be 11 deep; the limit is 10", Problems.Message(problem, "runs[11].dependsOn"), StringComparison.Ordinal);
        Assert.Equal(0, await api.RunCountAsync(agentId));
    }

    internal static async Task<List<JsonNode>> CreateBatchAsync(ApiClient api, object body)
    {
        using var response = await api.PostAsync("runs/batch", body);
        var created = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        var items = created["items"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(items.Count, (int)created["total"]!);
        items.ForEach(r => api.Track(Id(r)));
        return items;
    }

    private static long Id(JsonNode run) => (long)run["id"]!;

    private static DateTimeOffset Time(JsonNode run, string field) => DateTimeOffset.Parse((string)run[field]!, CultureInfo.InvariantCulture);
}
