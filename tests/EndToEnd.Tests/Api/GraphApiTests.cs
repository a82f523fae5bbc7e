using System.Net;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary><c>GET /api/graph</c>: runs with states and the edges between them, around a root or for the unfinished runs.</summary>
public sealed class GraphApiTests(DashboardServer server)
{
    [Fact]
    public async Task GetGraph_AroundASeededChain_ReturnsItsRunsWithStatesAndInheritedPriorityAndItsEdges()
    {
        await using var api = new ApiClient(server);
        var (first, second, third) = await SeedChainAsync(api);

        var graph = await api.GetJsonAsync($"graph?root={second}&depth=1");

        var runs = graph["runs"]!.AsArray().ToDictionary(r => (long)r!["runId"]!, r => r!);
        Assert.Equal([first, second, third], runs.Keys.Order());
        Assert.Equal("running", (string?)runs[first]["state"]);
        Assert.Equal(("pending", "pending"), ((string?)runs[second]["state"], (string?)runs[third]["state"]));
        Assert.Equal(("critical", third), ((string?)runs[second]["priority"], (long?)runs[second]["inheritedFrom"]));
        Assert.False(string.IsNullOrEmpty((string?)runs[first]["agentName"]));
        Assert.NotNull(runs[first]["createdAt"]);
        Assert.Equal([(second, first), (third, second)], Edges(graph));
        Assert.False((bool)graph["truncated"]!);
        Assert.Equal("low", (string?)(await api.GetJsonAsync($"runs/{second}"))["run"]!["basePriority"]);
    }

    [Fact]
    public async Task GetGraph_WithDepthZero_ReturnsOnlyTheRootAndWithoutRootTheUnfinishedRuns()
    {
        await using var api = new ApiClient(server);
        var (first, second, third) = await SeedChainAsync(api);

        var rootOnly = await api.GetJsonAsync($"graph?root={second}&depth=0");
        var unfinished = await api.GetJsonAsync("graph");

        Assert.Equal([second], rootOnly["runs"]!.AsArray().Select(r => (long)r!["runId"]!));
        Assert.Empty(rootOnly["edges"]!.AsArray());
        var ids = unfinished["runs"]!.AsArray().Select(r => (long)r!["runId"]!).ToHashSet();
        Assert.Superset(new HashSet<long> { first, second, third }, ids);
        Assert.Superset(new HashSet<(long, long)> { (second, first), (third, second) }, Edges(unfinished).ToHashSet());
    }

    [Theory]
    [InlineData("root=abc", "root")]
    [InlineData("root=0", "root")]
    [InlineData("root=1&depth=-1", "depth")]
    [InlineData("root=1&depth=51", "depth")]
    [InlineData("depth=deep", "depth")]
    public async Task GetGraph_WithABadQueryParameter_Returns400NamingIt(string query, string field)
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync($"graph?{query}");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task GetGraph_AroundAnUnknownRun_Returns404()
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync("graph?root=987654321");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Run 987654321 does not exist.", (string?)problem["detail"]);
    }

    /// <summary>first (low, running) ← second (low, pending) ← third (critical, pending): second inherits critical from third.</summary>
    private static async Task<(long First, long Second, long Third)> SeedChainAsync(ApiClient api)
    {
        var sleeper = (int)(await api.CreateAgentAsync("sleep", ["300"]))["id"]!;
        var noop = (int)(await api.CreateAgentAsync())["id"]!;
        var items = await BatchApiTests.CreateBatchAsync(api, new
        {
            runs = new object[]
            {
                new { key = "first", agentId = sleeper, priority = "low" },
                new { key = "second", agentId = noop, priority = "low", dependsOnKeys = new List<string> { "first" } },
                new { key = "third", agentId = noop, priority = "critical", dependsOnKeys = new List<string> { "second" } },
            },
        });
        var (first, second, third) = ((long)items[0]["id"]!, (long)items[1]["id"]!, (long)items[2]["id"]!);
        await api.WaitForStateAsync(first, "running");
        return (first, second, third);
    }

    private static List<(long, long)> Edges(JsonNode graph) =>
        [.. graph["edges"]!.AsArray().Select(e => ((long)e!["dependent"]!, (long)e["dependsOn"]!))];
}
