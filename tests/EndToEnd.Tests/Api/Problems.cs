using System.Net;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>Assertions on RFC 7807 problem details answers.</summary>
internal static class Problems
{
    /// <summary>
    /// Checks the status, the <c>application/problem+json</c> content type, the body's status and title, and (when
    /// given) that <c>errors</c> names <paramref name="field"/>. Returns the problem.
    /// </summary>
    public static async Task<JsonNode> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync(ApiClient.Token);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), body);
        if (field is not null)
        {
            Assert.True(problem["errors"]?.AsObject().ContainsKey(field) == true, $"no error for '{field}' in {body}");
        }

        return problem;
    }

    /// <summary>Every message reported for <paramref name="field"/>, joined.</summary>
    public static string Message(JsonNode problem, string field) =>
        string.Join(" ", problem["errors"]![field]!.AsArray().Select(m => (string?)m));
}
