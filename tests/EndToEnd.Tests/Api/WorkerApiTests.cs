using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary><c>/api/workers</c> on the shared server: the list, and drain refusals that change nothing (draining itself runs on the isolated server).</summary>
public sealed class WorkerApiTests(DashboardServer server)
{
    [Fact]
    public async Task ListWorkers_EachCarriesItsNameHeartbeatAgeInteractiveFlagAgentsAndOwnedRuns()
    {
        await using var api = new ApiClient(server);
        var (running, _) = await PickApiTests.QueuedBehindASleeperAsync(api);
        var owner = (string?)(await api.GetJsonAsync($"runs/{running}"))["run"]!["ownerWorkerId"];

        var items = (await api.GetJsonAsync("workers"))["items"]!.AsArray();

        Assert.All(items, w =>
        {
            Assert.Equal((string?)w!["id"], (string?)w["name"]);
            Assert.InRange((double)w["heartbeatAgeSeconds"]!, 0, 15);
            Assert.True((bool)w["interactive"]!);
            Assert.Empty(w["agents"]!.AsArray());
        });
        var ownedRuns = items.Single(w => (string?)w!["id"] == owner)!["ownedRuns"]!.AsArray().Select(r => (long)r!);
        Assert.Contains(running, ownedRuns);
    }

    [Theory]
    [InlineData("drain")]
    [InlineData("undrain")]
    public async Task DrainOrUndrain_UnknownWorker_Returns404(string command)
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync($"workers/no-such-worker/{command}");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Worker 'no-such-worker' does not exist.", (string?)problem["detail"]);
    }
}
