using System.Net;

namespace Scheduler.EndToEnd.Tests.Api;

/// <summary>
/// The refusals of pick, release, preempt and the preemption preview: each a clear 4xx problem that changes
/// nothing. Queued runs come from a one-at-a-time agent whose first run sleeps, so they stay queued.
/// </summary>
public sealed class PickApiTests(DashboardServer server)
{
    [Fact]
    public async Task Pick_QueuedRunOntoAWorker_Returns200WithTheOwnerAndEpoch()
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueuedBehindASleeperAsync(api);

        using var response = await api.PostAsync($"runs/{queued}/pick", new { workerId = "worker-small" });

        var run = await ApiClient.ReadAsync(response);
        Assert.Equal("worker-small", (string?)run["ownerWorkerId"]);
        Assert.Equal(1, (long)run["ownerEpoch"]!);
        var detail = await api.WaitForStateAsync(queued, "running");
        var picked = Assert.Single(detail["timeline"]!.AsArray(), t => (string?)t!["kind"] == "picked");
        Assert.Equal("worker-small", (string?)picked!["worker"]);
    }

    [Fact]
    public async Task Pick_RunThatDoesNotFitTheWorker_Returns409NamingTheShortfallAndTheRunStaysQueued()
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueuedBehindASleeperAsync(api, new { cpu = 0, memoryMb = 0, gpu = 1 });

        using var response = await api.PostAsync($"runs/{queued}/pick", new { workerId = "worker-small" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Contains($"Run {queued} does not fit on worker-small: it is 1 GPU short", (string?)problem["detail"], StringComparison.Ordinal);
        await AssertStillQueuedAsync(api, queued);
    }

    [Fact]
    public async Task Pick_RunningRun_Returns409()
    {
        await using var api = new ApiClient(server);
        var (running, _) = await QueuedBehindASleeperAsync(api);

        using var response = await api.PostAsync($"runs/{running}/pick", new { workerId = "worker-large" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Contains($"Run {running} is running on ", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains("only a queued run can be picked", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"workerId":"no-such-worker"}""")]
    [InlineData("""{"workerId":""}""")]
    [InlineData("""{}""")]
    [InlineData("""{"workerId":7}""")]
    public async Task Pick_WithUnknownOrMissingWorker_Returns400NamingWorkerIdAndTheRunStaysQueued(string body)
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueuedBehindASleeperAsync(api);

        using var response = await api.PostAsync($"runs/{queued}/pick", body);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "workerId");
        await AssertStillQueuedAsync(api, queued);
    }

    [Fact]
    public async Task Pick_UnknownRun_Returns404()
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync("runs/987654321/pick", new { workerId = "worker-large" });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Run 987654321 does not exist.", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("release")]
    [InlineData("preempt")]
    public async Task ReleaseOrPreempt_QueuedRunThatNobodyOwns_Returns409AndTheRunStaysQueued(string command)
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueuedBehindASleeperAsync(api);

        using var response = await api.PostAsync($"runs/{queued}/{command}");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("only a run that is owned (assigned or running)", (string?)problem["detail"], StringComparison.Ordinal);
        await AssertStillQueuedAsync(api, queued);
    }

    [Theory]
    [InlineData("release")]
    [InlineData("preempt")]
    public async Task ReleaseOrPreempt_UnknownRun_Returns404(string command)
    {
        await using var api = new ApiClient(server);

        using var response = await api.PostAsync($"runs/987654321/{command}");

        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PreemptionPreview_OfARunningRun_Returns409AndOfAnUnknownRun404()
    {
        await using var api = new ApiClient(server);
        var (running, _) = await QueuedBehindASleeperAsync(api);

        using var runningPreview = await api.GetAsync($"runs/{running}/preemption-preview");
        using var unknownPreview = await api.GetAsync("runs/987654321/preemption-preview");

        var problem = await Problems.AssertAsync(runningPreview, HttpStatusCode.Conflict);
        Assert.Contains("only a waiting run can be placed", (string?)problem["detail"], StringComparison.Ordinal);
        await Problems.AssertAsync(unknownPreview, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetRun_Queued_CarriesItsWaitReasonWithKindMessageAndLimit()
    {
        await using var api = new ApiClient(server);
        var (_, queued) = await QueuedBehindASleeperAsync(api);

        var detail = await api.GetJsonAsync($"runs/{queued}");

        var reason = detail["waitReason"]!;
        Assert.Equal("agent_concurrency", (string?)reason["kind"]);
        Assert.Contains("already runs 1 of its limit of 1", (string?)reason["message"], StringComparison.Ordinal);
        Assert.Equal(1, (int)reason["limit"]!);
        Assert.Equal(0, (int)detail["run"]!["depth"]!);
        Assert.Equal("medium", (string?)detail["run"]!["basePriority"]);
        Assert.Null(detail["run"]!["inheritedFrom"]);
        Assert.Null(detail["run"]!["ownerWorkerId"]);
    }

    /// <summary>A running sleeper of a one-at-a-time agent, and one run of it queued behind.</summary>
    internal static async Task<(long Running, long Queued)> QueuedBehindASleeperAsync(ApiClient api, object? resources = null)
    {
        var agentId = (int)(await api.CreateAgentAsync("sleep", ["300"], maxConcurrency: 1))["id"]!;
        var running = (long)(await api.CreateRunAsync(new { agentId }))["id"]!;
        await api.WaitForStateAsync(running, "running");
        return (running, (long)(await api.CreateRunAsync(new { agentId, resources }))["id"]!);
    }

    private static async Task AssertStillQueuedAsync(ApiClient api, long runId)
    {
        var detail = await api.GetJsonAsync($"runs/{runId}");
        Assert.Equal("queued", (string?)detail["run"]!["state"]);
        Assert.Equal(["created"], detail["timeline"]!.AsArray().Select(t => (string?)t!["kind"]));
    }
}
