using System.Net;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

public sealed class ApiContractTests(DashboardServer server)
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static TheoryData<string, string> Endpoints => new()
    {
        { "get", "/api/agents" }, { "post", "/api/agents" }, { "get", "/api/agents/{id}" }, { "put", "/api/agents/{id}" }, { "delete", "/api/agents/{id}" },
        { "get", "/api/schedules" }, { "post", "/api/schedules" }, { "get", "/api/schedules/{id}" }, { "put", "/api/schedules/{id}" }, { "delete", "/api/schedules/{id}" },
        { "post", "/api/schedules/{id}/trigger" }, { "post", "/api/schedules/{id}/pause" }, { "post", "/api/schedules/{id}/resume" },
        { "post", "/api/runs" }, { "get", "/api/runs" }, { "get", "/api/runs/{id}" }, { "get", "/api/runs/{id}/logs" },
        { "post", "/api/runs/{id}/cancel" }, { "put", "/api/runs/{id}/position" }, { "get", "/api/queue" },
        { "post", "/api/runs/batch" }, { "post", "/api/runs/{id}/pick" }, { "post", "/api/runs/{id}/release" }, { "post", "/api/runs/{id}/preempt" },
        { "get", "/api/runs/{id}/preemption-preview" }, { "get", "/api/graph" },
        { "get", "/api/workers" }, { "post", "/api/workers/{id}/drain" }, { "post", "/api/workers/{id}/undrain" },
        { "post", "/api/events/{name}" }, { "post", "/api/sensors/{name}" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task OpenApiDocument_DescribesTheEndpointWithASummaryAndItsResponses(string method, string path)
    {
        var document = await OpenApiAsync();

        var operation = document["paths"]?[path]?[method];

        Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is not in the OpenAPI document");
        Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]));
        Assert.NotEmpty(operation["responses"]!.AsObject());
    }

    [Fact]
    public async Task OpenApiDocument_HasExactlyTheListedOperations()
    {
        var document = await OpenApiAsync();

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => HttpMethods.Contains(o.Key)).Select(o => (o.Key, path.Key)))
            .ToHashSet();

        Assert.Equal(Endpoints.Select(row => ((string)row.Data.Item1, (string)row.Data.Item2)).ToHashSet(), operations);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEnumsAsTheirSnakeCaseNames()
    {
        var document = await OpenApiAsync();

        var states = document["components"]!["schemas"]!["RunState"]!["enum"]!.AsArray().Select(v => (string?)v);

        Assert.Equal(["pending", "queued", "assigned", "running", "succeeded", "failed", "timed_out", "cancelled", "upstream_failed"], states);
    }

    [Fact]
    public async Task Responses_WriteMultiWordEnumValuesInSnakeCase()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["30"], timeoutSeconds: 1))["id"]!;
        var id = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        var schedule = await ScheduleApiTests.CreateAsync(api, new { agentId, type = "on_demand" });

        var detail = await api.WaitForStateAsync(id, "timed_out");
        var scheduleJson = await api.GetJsonAsync($"schedules/{schedule}");

        Assert.Equal("timed_out", (string?)detail["timeline"]!.AsArray()[^1]!["kind"]);
        Assert.Equal("on_demand", (string?)scheduleJson["type"]);
        Assert.Equal("fire_once_now", (string?)scheduleJson["trigger"]!["misfire"]);
        Assert.Equal("builtin", (string?)detail["spec"]!["executionEnvironment"]);
    }

    [Fact]
    public async Task UnknownApiRoute_Returns404Problem()
    {
        await using var api = new ApiClient(server);

        using var response = await api.GetAsync("no-such-thing");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/api/no-such-thing", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedMethod_Returns405ProblemListingTheAllowedOnes()
    {
        await using var api = new ApiClient(server);

        using var response = await api.SendAsync(HttpMethod.Patch, "agents", "{}");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", (string?)problem["detail"], StringComparison.Ordinal);
    }

    private async Task<JsonNode> OpenApiAsync()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), ApiClient.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ApiClient.Token))!;
    }
}
