using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Benchmarks.Ui;

/// <summary>
/// Drives the dashboard through its HTTP API: seeds the queue with a sleeping agent's runs, then keeps up a
/// steady rate of queue moves (each one change on the feed) while probes move a known run to the top of the
/// critical lane, where every open Queues page shows it.
/// </summary>
internal sealed class QueueLoad(Uri address) : IDisposable
{
    private static readonly string[] Lanes = ["high", "medium", "low", "background"];
    private static readonly string[] SleepArguments = ["3600"];
    private readonly HttpClient _http = new() { BaseAddress = new Uri(address, "api/") };

    public async Task<List<long>> SeedAsync(int runs, CancellationToken cancellationToken)
    {
        using var agentResponse = await _http.PostAsJsonAsync("agents", new
        {
            name = "ui-bench-sleeper",
            executionEnvironment = "builtin",
            command = "sleep",
            args = SleepArguments,
            resources = new { cpu = 0.01, memoryMb = 1 },
            timeoutSeconds = 7200,
        }, cancellationToken);
        var agent = (long)(await Read(agentResponse, cancellationToken))["id"]!;
        var ids = new List<long>(runs);
        for (var offset = 0; offset < runs; offset += 1000)
        {
            var batch = Enumerable.Range(offset, Math.Min(1000, runs - offset))
                .Select(i => new { key = $"r{i}", agentId = agent, priority = Lanes[i % Lanes.Length] })
                .ToList();
            using var response = await _http.PostAsJsonAsync("runs/batch", new { runs = batch }, cancellationToken);
            ids.AddRange((await Read(response, cancellationToken))["items"]!.AsArray().Select(r => (long)r!["id"]!));
        }

        return ids;
    }

    /// <summary>Moves queued runs to the back of random lanes at <paramref name="perSecond"/> until cancelled; answers how many moves were made.</summary>
    public async Task<int> ChurnAsync(IReadOnlyList<long> runs, int perSecond, CancellationToken cancellationToken)
    {
        var moves = 0;
        var random = new Random(42);
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = (int)(TimeProvider.System.GetElapsedTime(started).TotalSeconds * perSecond);
                var tasks = new List<Task>();
                while (moves < due)
                {
                    moves++;
                    tasks.Add(MoveAsync(runs[random.Next(runs.Count)], Lanes[random.Next(Lanes.Length)], null, cancellationToken));
                }

                await Task.WhenAll(tasks);
                await Task.Delay(5, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The measurement is over.
        }

        return moves;
    }

    /// <summary>Puts a run at the top of the critical lane; answers the wall-clock milliseconds just before the request.</summary>
    public async Task<long> ProbeAsync(long runId, long? firstCritical, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await MoveAsync(runId, "critical", firstCritical, cancellationToken);
        return sent;
    }

    public Task ParkAsync(long runId, CancellationToken cancellationToken) => MoveAsync(runId, "background", null, cancellationToken);

    /// <summary>
    /// The seeded runs still queued: all but the active and pending ones (the queue endpoint lists at most 1,000 runs
    /// per lane, so the queued ones are not read from it).
    /// </summary>
    public async Task<List<long>> QueuedAsync(IReadOnlyList<long> seeded, CancellationToken cancellationToken)
    {
        var queue = await _http.GetFromJsonAsync<JsonNode>("queue", cancellationToken);
        var notQueued = queue!["active"]!.AsArray().Concat(queue["pending"]!.AsArray()).Select(r => (long)r!["id"]!).ToHashSet();
        return [.. seeded.Where(id => !notQueued.Contains(id))];
    }

    public void Dispose() => _http.Dispose();

    private async Task MoveAsync(long runId, string lane, long? beforeRunId, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsJsonAsync($"runs/{runId}/position", new { priority = lane, beforeRunId }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkFailedException($"moving run {runId} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task<JsonNode> Read(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body)!
            : throw new BenchmarkFailedException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
    }
}
