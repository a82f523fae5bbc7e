using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Workers;

public sealed class WorkerLeaseTests : IAsyncLifetime
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ManualWorker _remote = new();
    private IHost _host = default!;

    private IRunService Runs => _host.Services.GetRequiredService<IRunService>();

    private IWorkerGateway Gateway => _host.Services.GetRequiredService<IWorkerGateway>();

    public async ValueTask InitializeAsync() =>
        _host = await EngineHost.StartAsync(
            _dir.File("scheduler.db"),
            new Dictionary<string, string?> { ["Scheduler:Workers:HeartbeatSeconds"] = "1", ["Scheduler:Workers:LeaseSeconds"] = "10" },
            services => services.AddSingleton<TimeProvider>(_time));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task LapsedLease_RunIsLostRequeuedAndReplaced_AndTheReturningWorkerIsToldToStopIt()
    {
        var registered = await Gateway.RegisterAsync(new WorkerRegistration("remote-1", ResourceVector.Of(4, 4096), new Dictionary<string, string>(), true, []), _remote);
        Assert.True(registered.Succeeded);
        var agent = (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "sleeper",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["600"],
            Resources = ResourceVector.Of(1, 64),
        })).Value!.Id;
        await _host.Services.GetRequiredService<IWorkerService>().DrainAsync("big", Alice);
        await _host.Services.GetRequiredService<IWorkerService>().DrainAsync("small", Alice);
        var run = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        var order = await _remote.NextOrderAsync();
        Assert.Equal(run.Id, order.RunId);
        Assert.True(await Gateway.ReportStartedAsync("remote-1", run.Id, order.Epoch, 4242, null));
        await _host.Services.GetRequiredService<IWorkerService>().UndrainAsync("small", Alice);

        for (var second = 0; second < 12; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var replaced = await _host.WaitForRunAsync(run.Id, r => r.State == RunState.Running && r.OwnerWorker == "small", "running on small");
        Assert.Equal(order.Epoch + 1, replaced.OwnerEpoch);
        var timeline = (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Timeline;
        Assert.Contains(timeline, t => t.Kind == TransitionKind.Lost && t.Reason!.Contains("remote-1 missed its heartbeat", StringComparison.Ordinal));
        var (_, workers) = await _host.Services.GetRequiredService<IWorkerService>().ListAsync();
        Assert.Equal(WorkerStatus.Offline, workers.Single(w => w.Id == "remote-1").Status);

        var answer = await Gateway.HeartbeatAsync("remote-1", [new RunLease(run.Id, order.Epoch)]);
        Assert.Equal([new RunLease(run.Id, order.Epoch)], answer.Stop);
        Assert.False(await Gateway.ReportExitedAsync("remote-1", run.Id, order.Epoch, new ExecutionExit(ExitKind.Completed, 0, null)));
        Assert.Equal(RunState.Running, (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Run.State);
    }

    [Fact]
    public async Task Reports_FromAWorkerThatDoesNotOwnTheRun_AreRejected()
    {
        var agent = (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "sleeper",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["600"],
        })).Value!.Id;
        var run = (await Runs.CreateAsync(new RunRequest { AgentId = agent, Actor = Alice })).Value!;
        var running = await _host.WaitForStateAsync(run.Id, RunState.Running);

        Assert.False(await Gateway.ReportExitedAsync("not-the-owner", run.Id, running.OwnerEpoch, new ExecutionExit(ExitKind.Completed, 0, null)));
        Assert.False(await Gateway.ReportExitedAsync(running.OwnerWorker!, run.Id, running.OwnerEpoch - 1, new ExecutionExit(ExitKind.Completed, 0, null)));
        Assert.Equal(RunState.Running, (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Run.State);
    }

    private sealed class ManualWorker : IWorkerConnection
    {
        private readonly System.Threading.Channels.Channel<StartOrder> _orders = System.Threading.Channels.Channel.CreateUnbounded<StartOrder>();

        public void StartRun(StartOrder order) => _orders.Writer.TryWrite(order);

        // The test plays a hung worker: it ignores stop orders, like a worker that cannot be reached.
        public void StopRun(long runId, long epoch)
        {
        }

        public async Task<StartOrder> NextOrderAsync() => await _orders.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
