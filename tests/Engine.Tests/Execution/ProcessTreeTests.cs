using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Execution;

/// <summary>
/// Real subprocess agents: a shell that starts a grandchild (<c>sleep 300 &amp;</c>) and waits. Stopping the run
/// (cancel or timeout) must take the whole tree down, not just the shell.
/// </summary>
public sealed class ProcessTreeTests : IAsyncLifetime
{
    private const string SpawnGrandchild = "sleep 300 & echo $! > child.pid; wait";
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");
    private readonly TempDirectory _dir = new();
    private IHost _host = default!;

    private IRunService Runs => _host.Services.GetRequiredService<IRunService>();

    public async ValueTask InitializeAsync() => _host = await EngineHost.StartAsync(_dir.File("scheduler.db"));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Cancel_RunningShellWithAGrandchild_EndsCancelledAndNoProcessOfTheTreeIsLeft()
    {
        var work = Directory.CreateDirectory(_dir.File("cancel")).FullName;
        var agent = await AgentAsync("tree", work, timeoutSeconds: 600);
        var run = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        var (shell, child) = await RunningTreeAsync(run.Id, work);

        var cancelled = await Runs.CancelAsync(run.Id, Alice, "test cancels the tree");
        Assert.True(cancelled.Succeeded);
        var ended = await _host.WaitForStateAsync(run.Id, RunState.Cancelled);

        Assert.False(shell.IsAlive(), $"the shell (pid {shell.Pid}) is still running");
        Assert.False(child.IsAlive(), $"the grandchild sleep (pid {child.Pid}) is still running");
        var timeline = (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Timeline;
        Assert.Equal(TransitionKind.Cancelled, timeline[^1].Kind);
        Assert.Equal(Alice, timeline[^1].Actor);
        Assert.Equal("test cancels the tree", timeline[^1].Reason);
        Assert.NotNull(ended.FinishedAt);
    }

    [Fact]
    public async Task Timeout_RunningShellWithAGrandchild_EndsTimedOutAndNoProcessOfTheTreeIsLeft()
    {
        var work = Directory.CreateDirectory(_dir.File("timeout")).FullName;
        var agent = await AgentAsync("slow-tree", work, timeoutSeconds: 1);
        var run = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        var (shell, child) = await RunningTreeAsync(run.Id, work);

        var ended = await _host.WaitForStateAsync(run.Id, RunState.TimedOut);

        Assert.False(shell.IsAlive(), $"the shell (pid {shell.Pid}) is still running");
        Assert.False(child.IsAlive(), $"the grandchild sleep (pid {child.Pid}) is still running");
        Assert.Equal("ran longer than its 1 s timeout and was stopped", ended.Error);
        // StartedAt is stamped when the start report commits, a moment after the timeout's clock began.
        Assert.True(ended.FinishedAt - ended.StartedAt >= TimeSpan.FromSeconds(0.9), $"timed out after {ended.FinishedAt - ended.StartedAt}");
    }

    [Fact]
    public async Task FailingAgent_WithThreeAttemptsAndOneSecondBackoff_RunsThreeTimesWithGrowingGapsThenStaysFailed()
    {
        var agent = (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "flaky",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "fail",
            Args = ["3"],
            Retry = new RetryPolicy(3, 1),
        })).Value!.Id;

        var run = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        var failed = await _host.WaitForStateAsync(run.Id, RunState.Failed);

        var timeline = (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Timeline;
        var assigned = timeline.Where(t => t.Kind == TransitionKind.Assigned).ToList();
        var retries = timeline.Where(t => t.Kind == TransitionKind.RetryScheduled).ToList();
        Assert.Equal([1, 2, 3], assigned.Select(t => t.Attempt));
        Assert.Equal(2, retries.Count);
        var firstGap = assigned[1].At - retries[0].At;
        var secondGap = assigned[2].At - retries[1].At;
        Assert.True(firstGap >= TimeSpan.FromSeconds(1), $"first retry after {firstGap}");
        Assert.True(secondGap >= TimeSpan.FromSeconds(2), $"second retry after {secondGap}");
        Assert.Equal(
            ["attempt 1 exited with code 3: failing on purpose with exit code 3; retry 1 of 2 after 1 s", "attempt 2 exited with code 3: failing on purpose with exit code 3; retry 2 of 2 after 2 s"],
            retries.Select(t => t.Reason));
        Assert.Equal(TransitionKind.Failed, timeline[^1].Kind);
        Assert.Equal((3, 3), (failed.Attempt, failed.ExitCode));
        Assert.Contains("no retries left after 3 failures", failed.Error, StringComparison.Ordinal);

        // A failed run stays failed: nothing requeues it later.
        var queue = await Runs.GetQueueAsync();
        Assert.DoesNotContain(queue.Lanes.SelectMany(l => l.Runs).Concat(queue.Active), r => r.Id == run.Id);
        Assert.Equal(RunState.Failed, (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Run.State);
    }

    private async Task<int> AgentAsync(string name, string workingDirectory, int timeoutSeconds)
    {
        var created = await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = name,
            ExecutionEnvironment = ExecutionEnvironment.Subprocess,
            Command = "/bin/sh",
            Args = ["-c", SpawnGrandchild],
            WorkingDirectory = workingDirectory,
            TimeoutSeconds = timeoutSeconds,
        });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        return created.Value!.Id;
    }

    /// <summary>Waits for the run to be running and for the shell to have written its grandchild's pid; both must be alive.</summary>
    private async Task<(LinuxProcess Shell, LinuxProcess Child)> RunningTreeAsync(long runId, string workingDirectory)
    {
        var running = await _host.WaitForStateAsync(runId, RunState.Running);
        Assert.NotNull(running.ProcessId);
        var pidFile = Path.Combine(workingDirectory, "child.pid");

        // The shell writes the file; there is nothing to wait on but the file itself, so poll it with a deadline.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int? childPid = null;
        while (childPid is null)
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                childPid = pid;
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"the shell of run {runId} never wrote {pidFile}");
            }
            else
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        var shell = LinuxProcess.Of(running.ProcessId.Value);
        var child = LinuxProcess.Of(childPid.Value);
        Assert.True(shell.IsAlive(), $"the shell (pid {shell.Pid}) is not running");
        Assert.True(child.IsAlive(), $"the grandchild (pid {child.Pid}) is not running");
        return (shell, child);
    }
}

/// <summary>A process identified by pid and start time, so a reused pid is not mistaken for it.</summary>
internal sealed record LinuxProcess(int Pid, string? StartTicks)
{
    public static LinuxProcess Of(int pid) => new(pid, Stat(pid)?[19]);

    /// <summary>
    /// Alive: /proc/&lt;pid&gt; exists, is the same process, and is not a zombie. A killed grandchild is re-parented to
    /// PID 1, and in some containers PID 1 never reaps, so its /proc entry can stay behind as a dead zombie.
    /// </summary>
    public bool IsAlive() => Stat(Pid) is { } fields && fields[19] == StartTicks && fields[0] is not ("Z" or "X");

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name (state first); null when there is no such process.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }
}
