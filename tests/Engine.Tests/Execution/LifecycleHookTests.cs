using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Execution;

/// <summary>Lifecycle hooks (seed 004) registered as DI services, called around every execution in registration order.</summary>
public sealed class LifecycleHookTests
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");

    [Fact]
    public async Task Hooks_RunInRegistrationOrderAtEachStage_AroundAStartAndAStop()
    {
        using var dir = new TempDirectory();
        var calls = new ConcurrentQueue<string>();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"), services: services =>
        {
            services.AddSingleton<IRunLifecycleHook>(new RecordingHook("first", calls));
            services.AddSingleton<IRunLifecycleHook>(new RecordingHook("second", calls));
        });
        var agent = await AgentAsync(host, new AgentDefinition { Name = "sleeper", ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "sleep", Args = ["120"] });
        var runs = host.Services.GetRequiredService<IRunService>();
        var run = (await runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        await host.WaitForStateAsync(run.Id, RunState.Running);

        Assert.True((await runs.CancelAsync(run.Id, Alice)).Succeeded);
        await host.WaitForStateAsync(run.Id, RunState.Cancelled);

        Assert.Equal(
        [
            $"first pre-start {run.Id}", $"second pre-start {run.Id}",
            $"first post-start {run.Id}", $"second post-start {run.Id}",
            $"first pre-shutdown {run.Id}", $"second pre-shutdown {run.Id}",
            $"first post-shutdown {run.Id} Stopped", $"second post-shutdown {run.Id} Stopped",
        ],
            calls);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task FailingPreStartHook_FailsTheStartCleanly_ReleasesTheReservation_AndTheOtherHooksStillRun()
    {
        using var dir = new TempDirectory();
        var calls = new ConcurrentQueue<string>();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"), services: services =>
        {
            services.AddSingleton<IRunLifecycleHook>(new RecordingHook("first", calls));
            services.AddSingleton<IRunLifecycleHook>(new RecordingHook("refuser", calls, refuseStart: true));
            services.AddSingleton<IRunLifecycleHook>(new RecordingHook("third", calls));
        });
        var marker = dir.File("agent-ran");
        var agent = await AgentAsync(host, new AgentDefinition
        {
            Name = "toucher",
            Command = "/bin/sh",
            Args = ["-c", $"touch '{marker}'"],
            Resources = ResourceVector.Of(8, 1024),
        });
        var runs = host.Services.GetRequiredService<IRunService>();

        var run = (await runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        var failed = await host.WaitForStateAsync(run.Id, RunState.Failed);

        Assert.Equal("could not start: pre-start hook RecordingHook refused the start: refuser says no", failed.Error);
        Assert.False(File.Exists(marker), "the agent was started although a pre-start hook refused");
        var timeline = (await runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Timeline;
        Assert.Equal([TransitionKind.Created, TransitionKind.Assigned, TransitionKind.Failed], timeline.Select(t => t.Kind));
        Assert.Equal(
        [
            $"first pre-start {run.Id}", $"refuser pre-start {run.Id}",
            $"first post-shutdown {run.Id} StartFailed", $"refuser post-shutdown {run.Id} StartFailed", $"third post-shutdown {run.Id} StartFailed",
        ],
            calls);

        var (_, workers) = await host.Services.GetRequiredService<IWorkerService>().ListAsync();
        Assert.All(workers, w =>
        {
            Assert.Equal(ResourceVector.Zero, w.Reserved);
            Assert.Empty(w.OwnedRuns);
        });
        Assert.Empty((await runs.GetQueueAsync()).Active);

        // The whole of the big worker is free again: a run that needs all of it is placed at once (and refused by the hook again).
        var next = (await runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        var again = await host.WaitForStateAsync(next.Id, RunState.Failed);
        Assert.Equal("big", (await runs.GetAsync(next.Id, TestContext.Current.CancellationToken))!.Timeline.Single(t => t.Kind == TransitionKind.Assigned).Worker);
        Assert.StartsWith("could not start: pre-start hook", again.Error, StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<int> AgentAsync(IHost host, AgentDefinition definition)
    {
        var created = await host.Services.GetRequiredService<IAgentService>().CreateAsync(definition);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        return created.Value!.Id;
    }

    private sealed class RecordingHook(string name, ConcurrentQueue<string> calls, bool refuseStart = false) : IRunLifecycleHook
    {
        public ValueTask PreStartAsync(RunExecutionContext run, CancellationToken cancellationToken)
        {
            calls.Enqueue($"{name} pre-start {run.RunId}");
            return refuseStart ? throw new InvalidOperationException($"{name} says no") : ValueTask.CompletedTask;
        }

        public ValueTask PostStartAsync(RunExecutionContext run, CancellationToken cancellationToken)
        {
            calls.Enqueue($"{name} post-start {run.RunId}");
            return ValueTask.CompletedTask;
        }

        public ValueTask PreShutdownAsync(RunExecutionContext run, CancellationToken cancellationToken)
        {
            calls.Enqueue($"{name} pre-shutdown {run.RunId}");
            return ValueTask.CompletedTask;
        }

        public ValueTask PostShutdownAsync(RunExecutionContext run, ExecutionExit outcome, CancellationToken cancellationToken)
        {
            calls.Enqueue($"{name} post-shutdown {run.RunId} {outcome.Kind}");
            return ValueTask.CompletedTask;
        }
    }
}
