using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

public sealed class RunApiTests(DashboardServer server)
{
    [Fact]
    public async Task PostRun_OfNoopAgent_Returns201AndTheRunSucceedsWithItsTimelineAndSpec()
    {
        await using var api = new ApiClient(server);
        var agent = await api.CreateAgentAsync();

        var run = await api.CreateRunAsync(new { agentId = (int)agent["id"]!, priority = "high", parameters = new Dictionary<string, string> { ["X"] = "1" } });

        var id = (long)run["id"]!;
        Assert.Equal((string?)agent["name"], (string?)run["agentName"]);
        Assert.Equal("high", (string?)run["priority"]);
        Assert.Equal("api", (string?)run["createdBy"]!["kind"]);
        Assert.Equal("anonymous", (string?)run["createdBy"]!["name"]);
        var detail = await api.WaitForStateAsync(id, "succeeded");
        Assert.Equal(["created", "assigned", "started", "succeeded"], detail["timeline"]!.AsArray().Select(t => (string?)t!["kind"]));
        Assert.Equal("queued", (string?)detail["timeline"]![0]!["to"]);
        Assert.Equal(0, (int)detail["run"]!["exitCode"]!);
        Assert.Equal("noop", (string?)detail["spec"]!["command"]);
        Assert.Equal("1", (string?)detail["spec"]!["parameters"]!["X"]);
        Assert.Empty(detail["dependents"]!.AsArray());
    }

    [Fact]
    public async Task PostRun_DependingOnARunningRun_IsPendingAndListedAsItsDependent()
    {
        await using var api = new ApiClient(server);
        var sleeper = await api.CreateAgentAsync("sleep", ["30"]);
        var upstream = (long)(await api.CreateRunAsync(new { agentId = (int)sleeper["id"]! }))["id"]!;

        var downstream = await api.CreateRunAsync(new { agentId = (int)sleeper["id"]!, dependsOn = new[] { upstream } });

        Assert.Equal("pending", (string?)downstream["state"]);
        Assert.Equal([upstream], downstream["dependsOn"]!.AsArray().Select(d => (long)d!));
        Assert.Equal([(long)downstream["id"]!], (await api.GetJsonAsync($"runs/{upstream}"))["dependents"]!.AsArray().Select(d => (long)d!));
        var queue = await api.GetJsonAsync("queue");
        Assert.Contains(queue["pending"]!.AsArray(), r => (long)r!["id"]! == (long)downstream["id"]!);
    }

    [Fact]
    public async Task PostRun_WithUnknownAgent_Returns400NamingAgentIdAndCreatesNoRun()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("runs", new { agentId = 987654321 });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "agentId");
        Assert.Equal("Agent 987654321 does not exist.", Problems.Message(problem, "agentId"));
        Assert.Equal(0, await api.RunCountAsync(987654321));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"agentId":AGENT,"resources":{"cpu":1,"memoryMb":-5}}""", "resources.memoryMb" },
        { """{"agentId":AGENT,"resources":{"cpu":-0.5,"memoryMb":5}}""", "resources.cpu" },
        { """{"agentId":AGENT,"resources":{"cpu":"NaN","memoryMb":5}}""", "resources.cpu" },
        { """{"agentId":AGENT,"resources":{"cpu":1,"memoryMb":5,"gpu":0.5}}""", "resources.gpu" },
        { """{"agentId":AGENT,"resources":{"cpu":"many","memoryMb":5}}""", "resources.cpu" },
        { """{"agentId":AGENT,"resources":{"cpu":9,"memoryMb":5}}""", "resources" },
        { """{"agentId":AGENT,"priority":"urgent"}""", "priority" },
        { """{"agentId":AGENT,"priority":4}""", "priority" },
        { """{"agentId":AGENT,"dependsOn":[987654321]}""", "dependsOn" },
        { """{"agentId":AGENT,"dependsOn":"1"}""", "dependsOn" },
        { """{"agentId":AGENT,"constraints":["no-equals-sign"]}""", "constraints" },
        { """{"agentId":AGENT,"parameters":{"1x":"v"}}""", "parameters.1x" },
        { """{"agentId":"AGENT"}""", "agentId" },
        { """{"priority":"low"}""", "agentId" },
        { """{"agentId":AGENT""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostRun_WithBadInput_Returns400NamingTheFieldAndCreatesNoRun(string body, string field)
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("runs", body.Replace("AGENT", agentId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await api.RunCountAsync(agentId));
    }

    [Fact]
    public async Task PostRun_LargerThanEveryWorker_SaysWhatIsNeededAndWhatTheLargestWorkerHas()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("runs", new { agentId, resources = new { cpu = 1, memoryMb = 64, gpu = 3 } });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "resources");
        Assert.Contains("needs 3 GPUs; the largest worker has 1 GPU", Problems.Message(problem, "resources"), StringComparison.Ordinal);
        Assert.Equal(0, await api.RunCountAsync(agentId));
    }

    [Fact]
    public async Task PostRun_WithNaNResources_SaysTheAmountIsNotANumber()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.PostAsync("runs", $$$"""{"agentId":{{{agentId}}},"resources":{"cpu":"NaN","memoryMb":16}}""");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "resources.cpu");
        Assert.Equal("cpu must be a number (was NaN).", Problems.Message(problem, "resources.cpu"));
        Assert.Equal(0, await api.RunCountAsync(agentId));
    }

    [Fact]
    public async Task GetRun_Unknown_Returns404Problem()
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync("runs/987654321");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Run 987654321 does not exist.", (string?)problem["detail"]);
    }

    [Fact]
    public async Task GetRun_WithNonNumericId_Returns400NamingId()
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync("runs/latest");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "id");
    }
}
