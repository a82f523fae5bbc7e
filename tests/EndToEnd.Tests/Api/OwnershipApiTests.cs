using System.Net;
using System.Text.Json.Nodes;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>
/// Release, operator preemption, the preemption preview and drain, on the isolated server so that draining its
/// workers or filling its only GPU disturbs no other test.
/// </summary>
[Collection(OnIsolatedServer.Name)]
public sealed class OwnershipApiTests(IsolatedServer server)
{
    [Fact]
    public async Task Release_RunningRun_Returns202AndTheRunRunsAgainFromTheFrontOfItsLaneAsAttempt2()
    {
        await using var api = new ApiClient(server);
        var (running, behind) = await RunWithOneQueuedBehindAsync(api);

        using var response = await api.PostAsync($"runs/{running}/release");

        var accepted = await ApiClient.ReadAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("release", (string?)accepted["stopping"]);
        Assert.Equal($"/api/runs/{running}", response.Headers.Location?.AbsolutePath);
        var again = await RunningAgainAsync(api, running);
        Assert.Contains(again["timeline"]!.AsArray(), t => (string?)t!["kind"] == "released" && (string?)t["to"] == "queued");
        Assert.Equal("queued", (string?)(await api.GetJsonAsync($"runs/{behind}"))["run"]!["state"]);
    }

    [Fact]
    public async Task Preempt_RunningRun_Returns202AndTheRunRunsAgainFromTheFrontOfItsLaneAsAttempt2()
    {
        await using var api = new ApiClient(server);
        var (running, behind) = await RunWithOneQueuedBehindAsync(api);

        using var response = await api.PostAsync($"runs/{running}/preempt");

        Assert.Equal("preempt", (string?)(await ApiClient.ReadAsync(response, HttpStatusCode.Accepted))["stopping"]);
        var again = await RunningAgainAsync(api, running);
        var preempted = Assert.Single(again["timeline"]!.AsArray(), t => (string?)t!["kind"] == "preempted");
        Assert.Equal("api", (string?)preempted!["actor"]!["kind"]);
        Assert.Equal("queued", (string?)(await api.GetJsonAsync($"runs/{behind}"))["run"]!["state"]);
    }

    [Fact]
    public async Task Preempt_RunThatIsAlreadyBeingReleased_Returns409AndTheReleaseCompletes()
    {
        await using var api = new ApiClient(server);
        // The shell ignores SIGTERM (and so does its sleep), so the release waits out the 2 s grace period before the kill.
        using var agent = await api.PostAsync("agents", new
        {
            name = ApiClient.UniqueName("stubborn"),
            command = "/bin/sh",
            args = new List<string> { "-c", "trap '' TERM; echo ready; sleep 60" },
            resources = new { cpu = 0.1, memoryMb = 16 },
        });
        var agentId = (int)(await ApiClient.ReadAsync(agent, HttpStatusCode.Created))["id"]!;
        var run = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        await WaitForLogAsync(api, run, "ready");
        using var release = await api.PostAsync($"runs/{run}/release");
        await ApiClient.ReadAsync(release, HttpStatusCode.Accepted);

        using var preempt = await api.PostAsync($"runs/{run}/preempt");

        var problem = await Problems.AssertAsync(preempt, HttpStatusCode.Conflict);
        Assert.Equal($"Run {run} is already being stopped (release).", (string?)problem["detail"]);
        var again = await RunningAgainAsync(api, run);
        Assert.DoesNotContain(again["timeline"]!.AsArray(), t => (string?)t!["kind"] == "preempted");
    }

    [Fact]
    public async Task PreemptionPreview_NamesTheVictimAndChangesNothing_ThenPreemptingItLetsTheWaitingRunIn()
    {
        await using var api = new ApiClient(server);
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["300"]))["id"]!;
        var gpu = new { cpu = 0.1, memoryMb = 16, gpu = 1 };
        var victim = (long)(await api.CreateRunAsync(new { agentId, priority = "low", resources = gpu }))["id"]!;
        await api.WaitForStateAsync(victim, "running");
        var waiting = (long)(await api.CreateRunAsync(new { agentId, priority = "medium", resources = gpu }))["id"]!;
        var before = await Task.WhenAll(api.GetJsonAsync($"runs/{victim}"), api.GetJsonAsync($"runs/{waiting}"));

        var preview = await api.GetJsonAsync($"runs/{waiting}/preemption-preview");

        Assert.Equal(waiting, (long)preview["runId"]!);
        Assert.Equal("worker-large", (string?)preview["workerId"]);
        Assert.Equal([victim], preview["victims"]!.AsArray().Select(v => (long)v!["id"]!));
        Assert.False((bool)preview["automatic"]!);
        Assert.Contains($"run {victim}", (string?)preview["message"], StringComparison.Ordinal);
        var after = await Task.WhenAll(api.GetJsonAsync($"runs/{victim}"), api.GetJsonAsync($"runs/{waiting}"));
        Assert.Equal(("running", "none"), ((string?)after[0]["run"]!["state"], (string?)after[0]["run"]!["stopping"]));
        Assert.Equal("queued", (string?)after[1]["run"]!["state"]);
        Assert.Equal(Kinds(before[0]), Kinds(after[0]));
        Assert.Equal(Kinds(before[1]), Kinds(after[1]));

        using var preempt = await api.PostAsync($"runs/{victim}/preempt");

        await ApiClient.ReadAsync(preempt, HttpStatusCode.Accepted);
        Assert.Equal("worker-large", (string?)(await api.WaitForStateAsync(waiting, "running"))["run"]!["ownerWorkerId"]);
        var requeued = await api.WaitForStateAsync(victim, "queued");
        Assert.Equal(2, (int)requeued["run"]!["attempt"]!);
        Assert.Equal("no_capacity", (string?)requeued["waitReason"]!["kind"]);
        Assert.Equal("gpu", (string?)requeued["waitReason"]!["dimension"]);
    }

    [Fact]
    public async Task Drain_BothWorkers_ANewRunWaitsForDrainingWorkersAndRunsOnceUndrained()
    {
        await using var api = new ApiClient(server);
        try
        {
            foreach (var worker in new[] { "worker-large", "worker-small" })
            {
                using var drain = await api.PostAsync($"workers/{worker}/drain");
                Assert.Equal("draining", (string?)(await ApiClient.ReadAsync(drain))["state"]);
            }

            var run = (long)(await api.CreateRunAsync(new { agentId = (int)(await api.CreateAgentAsync())["id"]! }))["id"]!;
            var waiting = await api.GetJsonAsync($"runs/{run}");

            Assert.Equal("queued", (string?)waiting["run"]!["state"]);
            Assert.Equal("workers_draining", (string?)waiting["waitReason"]!["kind"]);
            Assert.Contains("draining", (string?)waiting["waitReason"]!["message"], StringComparison.Ordinal);
            Assert.All((await api.GetJsonAsync("workers"))["items"]!.AsArray(), w => Assert.Equal("draining", (string?)w!["state"]));

            await UndrainAsync(api);

            var done = await api.WaitForStateAsync(run, "succeeded");
            Assert.Null(done["waitReason"]);
        }
        finally
        {
            await UndrainAsync(api);
        }
    }

    private static async Task UndrainAsync(ApiClient api)
    {
        foreach (var worker in new[] { "worker-large", "worker-small" })
        {
            using var undrain = await api.PostAsync($"workers/{worker}/undrain");
            Assert.Equal("online", (string?)(await ApiClient.ReadAsync(undrain))["state"]);
        }
    }

    /// <summary>A running sleeper of a one-at-a-time agent and a run of the same lane queued behind it.</summary>
    private static async Task<(long Running, long Behind)> RunWithOneQueuedBehindAsync(ApiClient api)
    {
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["300"], maxConcurrency: 1))["id"]!;
        var running = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        await api.WaitForStateAsync(running, "running");
        return (running, (long)(await api.CreateRunAsync(new { agentId }))["id"]!);
    }

    /// <summary>The run once its second attempt runs: back at the front of its lane, it went before the run queued behind it.</summary>
    private static async Task<JsonNode> RunningAgainAsync(ApiClient api, long runId)
    {
        var detail = await api.WaitUntilAsync(runId, d => (string?)d["run"]!["state"] == "running" && (int)d["run"]!["attempt"]! == 2);
        Assert.Equal(("running", 2), ((string?)detail["run"]!["state"], (int)detail["run"]!["attempt"]!));
        return detail;
    }

    private static async Task WaitForLogAsync(ApiClient api, long runId, string text)
    {
        for (var i = 0; i < 150; i++)
        {
            var lines = (await api.GetJsonAsync($"runs/{runId}/logs"))["items"]!.AsArray();
            if (lines.Any(l => (string?)l!["text"] == text))
            {
                return;
            }

            await Task.Delay(100, ApiClient.Token);
        }

        Assert.Fail($"run {runId} never wrote '{text}'");
    }

    private static List<string?> Kinds(JsonNode detail) => [.. detail["timeline"]!.AsArray().Select(t => (string?)t!["kind"])];
}
