using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>Every bad agent input is a 400 or 409 problem naming the field, and registers nothing.</summary>
public sealed class AgentValidationApiTests(DashboardServer server)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"name":"NAME","command":""}""", "command" },
        { """{"name":"NAME"}""", "command" },
        { """{"name":"NAME","executionEnvironment":"builtin","command":"teleport"}""", "command" },
        { """{"name":"NAME","command":"x","resources":{"cpu":-1,"memoryMb":256}}""", "resources.cpu" },
        { """{"name":"NAME","command":"x","resources":{"cpu":1,"memoryMb":-256}}""", "resources.memoryMb" },
        { """{"name":"NAME","command":"x","resources":{"cpu":"NaN","memoryMb":256}}""", "resources.cpu" },
        { """{"name":"NAME","command":"x","resources":{"cpu":1,"memoryMb":"Infinity"}}""", "resources.memoryMb" },
        { """{"name":"NAME","command":"x","resources":{"cpu":1,"memoryMb":1.5}}""", "resources.memoryMb" },
        { """{"name":"NAME","command":"x","executionEnvironment":"docker"}""", "executionEnvironment" },
        { """{"name":"NAME","command":"x","executionEnvironment":1}""", "executionEnvironment" },
        { """{"name":"NAME","command":"x","timeoutSeconds":"ten"}""", "timeoutSeconds" },
        { """{"name":"NAME","command":"x","timeoutSeconds":0}""", "timeoutSeconds" },
        { """{"name":"NAME","command":"x","retry":{"attempts":0,"backoffSeconds":1}}""", "retry.attempts" },
        { """{"name":"NAME","command":"x","args":null}""", "args" },
        { """{"name":"NAME","command":"x","args":[1]}""", "args[0]" },
        { """{"name":"NAME","command":"x","environment":{"1BAD":"v"}}""", "environment.1BAD" },
        { """{"name":"NAME!","command":"x"}""", "name" },
        { """{"name":"NAME","command":""", "body" },
        { """["NAME"]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostAgent_WithBadInput_Returns400NamingTheFieldAndRegistersNothing(string body, string field)
    {
        await using var api = new ApiClient(server);
        var name = ApiClient.UniqueName("bad");

        using var response = await api.PostAsync("agents", body.Replace("NAME", name, StringComparison.Ordinal));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, field);
        await AssertNoAgentNamedAsync(api, name);
    }

    [Fact]
    public async Task PostAgent_LargerThanEveryWorker_Returns400SayingWhatIsNeededAndWhatTheLargestWorkerHas()
    {
        await using var api = new ApiClient(server);
        var name = ApiClient.UniqueName("huge");

        using var response = await api.PostAsync("agents", new { name, command = "x", resources = new { cpu = 64, memoryMb = 100_000 } });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "resources");
        var message = Problems.Message(problem, "resources");
        Assert.Contains("needs 64 cores; the largest worker has 8 cores", message, StringComparison.Ordinal);
        Assert.Contains("needs 100000 MB memory; the largest worker has 16384 MB memory", message, StringComparison.Ordinal);
        await AssertNoAgentNamedAsync(api, name);
    }

    [Fact]
    public async Task PostAgent_WithDuplicateName_Returns409NamingNameAndKeepsOneAgent()
    {
        await using var api = new ApiClient(server);
        var existing = await api.CreateAgentAsync();
        var name = (string)existing["name"]!;

        using var response = await api.PostAsync("agents", new { name = name.ToUpperInvariant(), executionEnvironment = "builtin", command = "noop" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict, "name");
        Assert.Contains($"id {(int)existing["id"]!}", Problems.Message(problem, "name"), StringComparison.Ordinal);
        var agents = (await api.GetJsonAsync("agents"))["items"]!.AsArray();
        Assert.Single(agents, a => string.Equals((string?)a!["name"], name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PostAgent_WithUnknownEnumValue_ListsTheAllowedValues()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("agents", new { name = ApiClient.UniqueName("enum"), command = "x", executionEnvironment = "docker" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "executionEnvironment");
        Assert.Equal("executionEnvironment must be one of subprocess, builtin.", Problems.Message(problem, "executionEnvironment"));
    }

    [Fact]
    public async Task PostAgent_WithMalformedJson_SaysTheBodyIsNotJson()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("agents", """{"name": "x", "command": }""");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.StartsWith("The request body is not valid JSON", Problems.Message(problem, "body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAgent_WithoutBody_Returns400NamingBody()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("agents");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task PostAgent_AsPlainText_Returns415Problem()
    {
        await using var api = new ApiClient(server);
        using var content = new StringContent("""{"name":"x","command":"y"}""", System.Text.Encoding.UTF8, "text/plain");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.PostAsync(new Uri("api/agents", UriKind.Relative), content, ApiClient.Token);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static async Task AssertNoAgentNamedAsync(ApiClient api, string name)
    {
        var agents = (await api.GetJsonAsync("agents"))["items"]!.AsArray();
        Assert.DoesNotContain(agents, a => ((string?)a!["name"])?.Contains(name, StringComparison.OrdinalIgnoreCase) == true);
    }
}
