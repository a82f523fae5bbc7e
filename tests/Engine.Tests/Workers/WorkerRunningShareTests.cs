using Microsoft.Extensions.DependencyInjection;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Workers;

public sealed class WorkerRunningShareTests
{
    [Fact]
    public async Task RunStarting_AnnouncesItsWorkerWithTheRunningShare_ThoughTheReservationDidNotChange()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"));
        var agent = (await host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "sleeper",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "sleep",
            Args = ["60"],
        })).Value!.Id;
        var feed = host.Services.GetRequiredService<IChangeFeed>();
        using var subscription = feed.Subscribe(feed.LastSequence);
        var run = (await host.Services.GetRequiredService<IRunService>().CreateAsync(new RunRequest
        {
            AgentId = agent,
            Resources = ResourceVector.Of(2, 512),
            Constraints = ["gpu=true"],
            Actor = new Actor(ActorKind.Api, "test"),
        })).Value!;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        WorkerSnapshot? announced = null;
        var started = false;
        await foreach (var change in subscription.Changes.ReadAllAsync(deadline.Token))
        {
            started |= change.Run is { } r && r.Id == run.Id && r.State == RunState.Running;
            if (started && change.Worker is { Id: "big" } worker && worker.Running == ResourceVector.Of(2, 512))
            {
                announced = worker;
                break;
            }
        }

        Assert.NotNull(announced);
        Assert.Equal(ResourceVector.Of(2, 512), announced.Reserved);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
