using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Testing;

namespace Scheduler.EndToEnd.Tests.Recovery;

/// <summary>
/// Issue 3's crash recovery against the real host as a separate process: runs of a real subprocess agent are
/// running when the host is SIGKILLed; the host started again on the same database records them lost, stops the
/// agent processes the dead host left behind, and requeues each as a new attempt — nothing lost, and never two
/// processes of one run at the same time.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int RunCount = 3;
    private static readonly string[] SleepArguments = ["300"];

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Scheduler:Engine:StopGracePeriodSeconds"] = "2",
        ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
    };

    private readonly TempDirectory _data = new("scheduler-crash");
    private readonly List<(int Pid, long StartTicks)> _seen = [];
    private HostProcess? _host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        // Whatever happened above, no sleep of this test outlives it.
        foreach (var (pid, startTicks) in _seen)
        {
            AgentProcesses.KillQuietly(pid, startTicks);
        }

        _data.Dispose();
    }

    [Fact]
    public async Task SigkillMidRun_RestartRecordsLost_ReapsTheOrphans_AndRequeuesEachRunOnceAsANewAttempt()
    {
        var database = _data.File("scheduler.db");
        _host = await HostProcess.StartAsync(database, Settings);
        using var api = Client(_host);

        var agent = await ReadAsync(await api.PostAsJsonAsync("agents", new
        {
            name = "crash-sleeper",
            executionEnvironment = "subprocess",
            command = "/bin/sleep",
            args = SleepArguments,
            resources = new { cpu = 0.25, memoryMb = 32 },
        }, JsonSerializerOptions.Web, Token), HttpStatusCode.Created);
        var runIds = new List<long>();
        foreach (var priority in new[] { "high", "medium", "low" })
        {
            var run = await ReadAsync(await api.PostAsJsonAsync("runs", new { agentId = (long)agent["id"]!, priority }, JsonSerializerOptions.Web, Token), HttpStatusCode.Created);
            runIds.Add((long)run["id"]!);
        }

        var before = new Dictionary<long, (int Pid, long StartTicks)>();
        foreach (var runId in runIds)
        {
            var running = await WaitForAsync(api, runId, r => (string?)r["state"] == "running" && r["processId"] is not null, "running with a process id");
            var pid = (int)running["processId"]!;
            before[runId] = (pid, AgentProcesses.StartTicksOf(pid));
            _seen.Add(before[runId]);
        }

        var ids = runIds.ToHashSet();

        // A run is reported running as soon as its process is spawned; /proc shows the run's marker once the
        // process has exec'd, which on a busy machine can come a moment later.
        var live = AgentProcesses.Live(ids);
        for (var wait = 0; wait < 100 && live.Count < ids.Count; wait++)
        {
            await Task.Delay(100, Token);
            live = AgentProcesses.Live(ids);
        }

        Assert.Equal(runIds.Order(), live.Select(p => p.RunId).Order());
        Assert.All(live, p => Assert.Equal((before[p.RunId].Pid, 1), (p.Pid, p.Attempt)));

        await _host.KillAsync();

        // The crash left the agents running: this is what the next start must clean up.
        Assert.All(before.Values, p => Assert.True(AgentProcesses.IsAlive(p.Pid, p.StartTicks), $"agent {p.Pid} died with the host; the test proves nothing"));

        await _host.DisposeAsync();
        _host = await HostProcess.StartAsync(database, Settings);
        using var restarted = Client(_host);

        // Once the host answers, the orphans are gone and no run has two live processes.
        Assert.All(before.Values, p => Assert.False(AgentProcesses.IsAlive(p.Pid, p.StartTicks), $"orphan {p.Pid} still runs after the restart"));
        var recovered = new Dictionary<long, JsonNode>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (recovered.Count < RunCount)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"runs {string.Join(", ", runIds.Except(recovered.Keys))} were not running again within 60 s:{Environment.NewLine}{_host.Output}");
            AssertAtMostOneProcessPerRun(ids);
            foreach (var runId in runIds.Except(recovered.Keys))
            {
                var detail = await GetJsonAsync(restarted, $"runs/{runId}");
                if ((string?)detail["run"]!["state"] == "running" && detail["run"]!["processId"] is not null)
                {
                    recovered[runId] = detail;
                    var pid = (int)detail["run"]!["processId"]!;
                    _seen.Add((pid, AgentProcesses.StartTicksOf(pid)));
                }
            }

            await Task.Delay(100, Token);
        }

        var restartedPids = recovered.Values.Select(d => (int)d["run"]!["processId"]!).ToHashSet();
        live = AgentProcesses.Live(ids);
        for (var wait = 0; wait < 100 && !restartedPids.IsSubsetOf(live.Select(p => p.Pid)); wait++)
        {
            await Task.Delay(100, Token);
            live = AgentProcesses.Live(ids);
        }

        foreach (var runId in runIds)
        {
            var detail = recovered[runId];
            var run = detail["run"]!;
            Assert.Equal(2, (int)run["attempt"]!);
            Assert.NotEqual(before[runId].Pid, (int)run["processId"]!);
            Assert.Equal([((int)run["processId"]!, 2)], live.Where(p => p.RunId == runId).Select(p => (p.Pid, p.Attempt)));

            // started (attempt 1) → lost → queued → assigned → started (attempt 2), in that order.
            var timeline = detail["timeline"]!.AsArray().Select(t => t!).ToList();
            var lost = timeline.FindIndex(t => (string?)t["kind"] == "lost");
            Assert.True(lost > 0, $"run {runId} has no lost entry: {detail["timeline"]!.ToJsonString()}");
            Assert.Equal("queued", (string?)timeline[lost]["to"]);
            Assert.Contains("restarted", (string?)timeline[lost]["reason"], StringComparison.Ordinal);
            Assert.Contains(timeline.Take(lost), t => (string?)t["kind"] == "started");
            Assert.Equal(1, timeline.Skip(lost + 1).Count(t => (string?)t["kind"] == "assigned"));
            Assert.Equal(1, timeline.Skip(lost + 1).Count(t => (string?)t["kind"] == "started"));
            Assert.Equal(1, timeline.Count(t => (string?)t["kind"] == "lost"));
        }

        // Nothing lost: every run created is still there, and there are no others.
        var list = await GetJsonAsync(restarted, $"runs?agentId={(long)agent["id"]!}&take=100");
        Assert.Equal(RunCount, (int)list["total"]!);
        Assert.Equal(runIds.Order(), list["items"]!.AsArray().Select(r => (long)r!["id"]!).Order());

        foreach (var runId in runIds)
        {
            using var cancel = await restarted.PostAsync(new Uri($"runs/{runId}/cancel", UriKind.Relative), null, Token);
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync(Token));
            await WaitForAsync(restarted, runId, r => (string?)r["state"] == "cancelled", "cancelled");
        }

        Assert.Empty(AgentProcesses.Live(ids));
    }

    private static void AssertAtMostOneProcessPerRun(HashSet<long> runIds)
    {
        foreach (var group in AgentProcesses.Live(runIds).GroupBy(p => p.RunId))
        {
            Assert.True(group.Count() == 1, $"run {group.Key} executes twice: processes {string.Join(", ", group.Select(p => $"{p.Pid} (attempt {p.Attempt})"))}");
        }
    }

    private static HttpClient Client(HostProcess host) => new() { BaseAddress = new Uri(host.Address, "api/"), Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<JsonNode> GetJsonAsync(HttpClient api, string path) =>
        await ReadAsync(await api.GetAsync(new Uri(path, UriKind.Relative), Token), HttpStatusCode.OK);

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
            return JsonNode.Parse(body)!;
        }
    }

    /// <summary>The run (not its detail) once <paramref name="condition"/> holds; fails after 60 seconds.</summary>
    private async Task<JsonNode> WaitForAsync(HttpClient api, long runId, Func<JsonNode, bool> condition, string description)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var detail = await GetJsonAsync(api, $"runs/{runId}");
            var run = detail["run"]!;
            if (condition(run))
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"run {runId} was not {description} within 60 s: {detail.ToJsonString()}{Environment.NewLine}{_host?.Output}");
            await Task.Delay(100, Token);
        }
    }
}
