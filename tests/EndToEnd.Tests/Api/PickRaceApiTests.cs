using System.Net;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>
/// Exactly one owner over HTTP: 64 callers pick the same queued run at once, onto both workers. The runs stay
/// queued because their agent runs one at a time and its first run sleeps; an explicit pick may exceed that limit.
/// </summary>
[Collection(OnIsolatedServer.Name)]
public sealed class PickRaceApiTests(IsolatedServer server)
{
    private const int Callers = 64;
    private const int Runs = 100;
    private static readonly string[] Workers = ["worker-large", "worker-small"];

    [Fact]
    public async Task Pick_64CallersAtOnceForEachOf100Runs_ExactlyOneWinsAndTheOthersGet409Problems()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["300"], maxConcurrency: 1))["id"]!;
        await api.WaitForStateAsync((long)(await api.CreateRunAsync(new { agentId }))["id"]!, "running");
        var queued = new List<long>();
        for (var i = 0; i < Runs; i++)
        {
            queued.Add((long)(await api.CreateRunAsync(new { agentId, resources = new { cpu = 0.01, memoryMb = 1 } }))["id"]!);
        }

        foreach (var runId in queued)
        {
            var answers = await RaceAsync(api, runId);

            Assert.DoesNotContain(answers, a => a.Status >= HttpStatusCode.InternalServerError);
            var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            var losers = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
            Assert.Equal(Callers - 1, losers.Count);
            Assert.All(losers, a => Assert.Equal((HttpStatusCode.Conflict, "application/problem+json", 409), (a.Status, a.MediaType, (int)a.Body["status"]!)));
            Assert.All(losers, a => Assert.Contains("only a queued run can be picked", (string?)a.Body["detail"], StringComparison.Ordinal));
            Assert.Equal(winner.Worker, (string?)winner.Body["ownerWorkerId"]);
            Assert.Equal(1, (long)winner.Body["ownerEpoch"]!);
        }

        foreach (var runId in queued.Where((_, i) => i % 10 == 0))
        {
            var detail = await api.GetJsonAsync($"runs/{runId}");
            Assert.Single(detail["timeline"]!.AsArray(), t => (string?)t!["kind"] == "picked");
            Assert.Contains((string?)detail["run"]!["ownerWorkerId"], Workers);
        }
    }

    private static async Task<Answer[]> RaceAsync(ApiClient api, long runId)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var worker = Workers[caller % Workers.Length];
            await start.Task;
            using var response = await api.PostAsync($"runs/{runId}/pick", new { workerId = worker });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ApiClient.Token))!;
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, worker, body);
        }, ApiClient.Token)).ToList();
        start.SetResult();
        return await Task.WhenAll(callers);
    }

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string Worker, JsonNode Body);
}
