using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.EndToEnd.Tests.Api;

namespace Scheduler.EndToEnd.Tests.Hubs;

public sealed class SchedulerHubTests(DashboardServer server)
{
    [Fact]
    public async Task Client_ReadsTheSnapshotThenStreamsEveryChangeOfANewRunInOrder()
    {
        await using var api = new ApiClient(server);
        await using var hub = await ConnectAsync();
        var snapshot = await hub.InvokeAsync<JsonNode>("GetQueue", ApiClient.Token);
        var from = (long)snapshot["sequence"]!;
        var agent = await api.CreateAgentAsync();

        var run = await api.CreateRunAsync(new { agentId = (long)agent["id"]! });
        var runId = (long)run["id"]!;
        var seen = new List<(long Sequence, string State)>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ApiClient.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var change in hub.StreamAsync<JsonNode>("StreamChanges", from, timeout.Token))
        {
            if ((string?)change["kind"] == "run" && (long)change["run"]!["id"]! == runId)
            {
                seen.Add(((long)change["sequence"]!, (string)change["run"]!["state"]!));
                if (seen[^1].State == "succeeded")
                {
                    break;
                }
            }
        }

        Assert.Equal(["queued", "assigned", "running", "succeeded"], seen.Select(s => s.State));
        Assert.Equal(seen.Select(s => s.Sequence).Order(), seen.Select(s => s.Sequence));
        Assert.True(seen[0].Sequence > from);
    }

    [Fact]
    public async Task Stream_ResumedFromAnEarlierSequence_RepeatsNothingAndMissesNothing()
    {
        await using var api = new ApiClient(server);
        await using var hub = await ConnectAsync();
        var from = (long)(await hub.InvokeAsync<JsonNode>("GetQueue", ApiClient.Token))["sequence"]!;
        var agent = await api.CreateAgentAsync();
        var runId = (long)(await api.CreateRunAsync(new { agentId = (long)agent["id"]! }))["id"]!;
        await api.WaitForStateAsync(runId, "succeeded");

        var first = await ReadSequencesAsync(hub, from, count: 3);
        var resumed = await ReadSequencesAsync(hub, first[1], count: 2);

        Assert.Equal(Enumerable.Range(0, 3).Select(i => from + 1 + i), first);
        Assert.Equal(first.Skip(2).Take(1).Append(first[2] + 1), resumed);
    }

    [Fact]
    public async Task Stream_FromASequenceTheFeedNoLongerHolds_EndsWithAResnapshotNotice()
    {
        await using var hub = await ConnectAsync();
        var notice = new TaskCompletionSource<JsonNode>();
        hub.On<JsonNode>("Notice", n => notice.TrySetResult(n));
        var current = (long)(await hub.InvokeAsync<JsonNode>("GetQueue", ApiClient.Token))["sequence"]!;

        var delivered = new List<JsonNode>();
        await foreach (var change in hub.StreamAsync<JsonNode>("StreamChanges", current + 1_000_000, ApiClient.Token))
        {
            delivered.Add(change);
        }

        var received = await notice.Task.WaitAsync(TimeSpan.FromSeconds(10), ApiClient.Token);
        Assert.Empty(delivered);
        Assert.Equal("resnapshot_required", (string?)received["kind"]);
    }

    [Fact]
    public async Task GetWorkers_ListsTheEmbeddedWorkersWithCapacity()
    {
        await using var hub = await ConnectAsync();

        var workers = await hub.InvokeAsync<JsonArray>("GetWorkers", ApiClient.Token);

        Assert.Equal(["worker-large", "worker-small"], workers.Select(w => (string)w!["id"]!).Order());
        Assert.All(workers, w => Assert.True((double)w!["capacity"]!["cpu"]! > 0));
    }

    private static async Task<List<long>> ReadSequencesAsync(HubConnection hub, long after, int count)
    {
        var sequences = new List<long>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ApiClient.Token);
        await foreach (var change in hub.StreamAsync<JsonNode>("StreamChanges", after, stop.Token))
        {
            sequences.Add((long)change["sequence"]!);
            if (sequences.Count == count)
            {
                await stop.CancelAsync();
                break;
            }
        }

        return sequences;
    }

    private async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/scheduler"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)))
            .Build();
        await connection.StartAsync(ApiClient.Token);
        return connection;
    }
}
