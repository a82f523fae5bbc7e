using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

public sealed class AgentApiTests(DashboardServer server)
{
    [Fact]
    public async Task PostAgent_WithFullDefinition_Returns201WithLocationAndEveryField()
    {
        await using var api = new ApiClient(server);
        var name = ApiClient.UniqueName("full");

        using var response = await api.PostAsync("agents", new
        {
            name,
            description = "prints lines",
            executionEnvironment = "builtin",
            command = "print",
            args = new List<string> { "3", "1" },
            workingDirectory = "/tmp",
            environment = new Dictionary<string, string> { ["GREETING"] = "hello" },
            resources = new { cpu = 0.5, memoryMb = 128, gpu = 0, bandwidthMbps = 10, storageMb = 64 },
            timeoutSeconds = 30,
            retry = new { attempts = 3, backoffSeconds = 2.5 },
            maxConcurrency = 2,
        });

        var agent = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        var id = (int)agent["id"]!;
        Assert.Equal($"/api/agents/{id}", response.Headers.Location?.AbsolutePath);
        Assert.Equal(name, (string?)agent["name"]);
        Assert.Equal("prints lines", (string?)agent["description"]);
        Assert.Equal("builtin", (string?)agent["executionEnvironment"]);
        Assert.Equal(["3", "1"], agent["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("/tmp", (string?)agent["workingDirectory"]);
        Assert.Equal("hello", (string?)agent["environment"]!["GREETING"]);
        Assert.Equal(0.5, (double)agent["resources"]!["cpu"]!);
        Assert.Equal(128, (double)agent["resources"]!["memoryMb"]!);
        Assert.Equal(10, (double)agent["resources"]!["bandwidthMbps"]!);
        Assert.Equal(64, (double)agent["resources"]!["storageMb"]!);
        Assert.Equal(30, (int)agent["timeoutSeconds"]!);
        Assert.Equal(3, (int)agent["retry"]!["attempts"]!);
        Assert.Equal(2.5, (double)agent["retry"]!["backoffSeconds"]!);
        Assert.Equal(2, (int)agent["maxConcurrency"]!);
        Assert.Equal(1, (long)agent["version"]!);
        Assert.Equal(name, (string?)(await api.GetJsonAsync($"agents/{id}"))["name"]);
        var list = await api.GetJsonAsync("agents");
        Assert.Contains(list["items"]!.AsArray(), a => (int)a!["id"]! == id);
        Assert.True((int)list["total"]! >= 1);
    }

    [Fact]
    public async Task PostAgent_WithOnlyNameAndCommand_TakesTheEngineDefaults()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("agents", new { name = ApiClient.UniqueName("defaults"), command = "/bin/true" });

        var agent = await ApiClient.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal("subprocess", (string?)agent["executionEnvironment"]);
        Assert.Equal(1, (double)agent["resources"]!["cpu"]!);
        Assert.Equal(256, (double)agent["resources"]!["memoryMb"]!);
        Assert.Equal(600, (int)agent["timeoutSeconds"]!);
        Assert.Equal(1, (int)agent["retry"]!["attempts"]!);
        Assert.Null(agent["maxConcurrency"]);
    }

    [Fact]
    public async Task PutAgent_WithCurrentVersion_ReplacesTheDefinitionAndBumpsTheVersion()
    {
        await using var api = new ApiClient(server);
        var agent = await api.CreateAgentAsync();
        var id = (int)agent["id"]!;

        using var response = await api.PutAsync($"agents/{id}", new
        {
            name = (string?)agent["name"],
            executionEnvironment = "builtin",
            command = "sleep",
            args = new List<string> { "2" },
            version = 1,
        });

        var updated = await ApiClient.ReadAsync(response);
        Assert.Equal("sleep", (string?)updated["command"]);
        Assert.Equal(2, (long)updated["version"]!);
        Assert.Equal("sleep", (string?)(await api.GetJsonAsync($"agents/{id}"))["command"]);
    }

    [Fact]
    public async Task PutAgent_WithStaleVersion_Returns409AndKeepsTheAgent()
    {
        await using var api = new ApiClient(server);
        var agent = await api.CreateAgentAsync();
        var id = (int)agent["id"]!;
        using (var first = await api.PutAsync($"agents/{id}", new { name = (string?)agent["name"], executionEnvironment = "builtin", command = "sleep", version = 1 }))
        {
            await ApiClient.ReadAsync(first);
        }

        using var response = await api.PutAsync($"agents/{id}", new { name = (string?)agent["name"], executionEnvironment = "builtin", command = "fail", version = 1 });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("changed by someone else", (string?)problem["detail"], StringComparison.Ordinal);
        var current = await api.GetJsonAsync($"agents/{id}");
        Assert.Equal("sleep", (string?)current["command"]);
        Assert.Equal(2, (long)current["version"]!);
    }

    [Fact]
    public async Task DeleteAgent_Unused_Returns204AndTheAgentIsGone()
    {
        await using var api = new ApiClient(server);
        var id = (int)(await api.CreateAgentAsync())["id"]!;

        using var response = await api.SendAsync(HttpMethod.Delete, $"agents/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var get = await api.GetAsync($"agents/{id}");
        await Problems.AssertAsync(get, HttpStatusCode.NotFound);
        Assert.DoesNotContain((await api.GetJsonAsync("agents"))["items"]!.AsArray(), a => (int)a!["id"]! == id);
    }

    [Fact]
    public async Task GetAgent_Unknown_Returns404Problem()
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync("agents/987654321");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Agent 987654321 does not exist.", (string?)problem["detail"]);
    }

    [Fact]
    public async Task GetAgent_WithNonNumericId_Returns400NamingId()
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync("agents/abc");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "id");
        Assert.Contains("'abc'", Problems.Message(problem, "id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAgent_Unknown_Returns404Problem()
    {
        await using var api = new ApiClient(server);

        using var response = await api.SendAsync(HttpMethod.Delete, "agents/987654321");

        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
