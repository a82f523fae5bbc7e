using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>
/// Real HTTP against the shared server's <c>/api</c>. Requests are anonymous objects (serialized camelCase) or raw
/// JSON strings; responses are read as JSON nodes so tests check the wire, not the server's types. Runs created
/// through it are cancelled on dispose so sleeping agents do not outlive their test.
/// </summary>
internal sealed class ApiClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly List<long> _runs = [];

    public ApiClient(DashboardServer server)
    {
        _http = new HttpClient { BaseAddress = new Uri(server.BaseAddress, "api/") };
    }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A name no other test (or earlier test run on the same database) uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative), Token);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = body switch
            {
                null => null,
                string json => new StringContent(json, Encoding.UTF8, "application/json"),
                _ => JsonContent.Create(body, options: JsonSerializerOptions.Web),
            },
        };
        return _http.SendAsync(request, Token);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);

    /// <summary>The JSON of a response that must have <paramref name="status"/>.</summary>
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        return await ReadAsync(response);
    }

    /// <summary>Registers a builtin agent with a unique name; small default resources so parallel tests always fit.</summary>
    public async Task<JsonNode> CreateAgentAsync(string command = "noop", string[]? args = null, int? maxConcurrency = null, int? timeoutSeconds = null)
    {
        using var response = await PostAsync("agents", new
        {
            name = UniqueName(command),
            executionEnvironment = "builtin",
            command,
            args = args ?? [],
            resources = new { cpu = 0.1, memoryMb = 16 },
            maxConcurrency,
            timeoutSeconds,
        });
        return await ReadAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonNode> CreateRunAsync(object body)
    {
        using var response = await PostAsync("runs", body);
        var run = await ReadAsync(response, HttpStatusCode.Created);
        Track((long)run["id"]!);
        return run;
    }

    /// <summary>Cancels the run when the test ends, if it is still unfinished.</summary>
    public void Track(long runId) => _runs.Add(runId);

    /// <summary>The run detail once its state is one of <paramref name="states"/> (polls for up to 15 seconds).</summary>
    public async Task<JsonNode> WaitForStateAsync(long runId, params string[] states)
    {
        var detail = await WaitUntilAsync(runId, d => states.Contains((string?)d["run"]!["state"]));
        Assert.Contains((string?)detail["run"]!["state"], states);
        return detail;
    }

    /// <summary>The run detail once <paramref name="condition"/> holds, or the last one read after 15 seconds.</summary>
    public async Task<JsonNode> WaitUntilAsync(long runId, Func<JsonNode, bool> condition)
    {
        JsonNode detail = await GetJsonAsync($"runs/{runId}");
        for (var i = 0; i < 150 && !condition(detail); i++)
        {
            await Task.Delay(100, Token);
            detail = await GetJsonAsync($"runs/{runId}");
        }

        return detail;
    }

    /// <summary>How many runs of an agent exist.</summary>
    public async Task<int> RunCountAsync(long agentId) => (int)(await GetJsonAsync($"runs?agentId={agentId}"))["total"]!;

    public async ValueTask DisposeAsync()
    {
        foreach (var runId in _runs)
        {
            using var _ = await _http.PostAsync(new Uri($"runs/{runId}/cancel", UriKind.Relative), content: null, CancellationToken.None);
        }

        _http.Dispose();
    }
}
