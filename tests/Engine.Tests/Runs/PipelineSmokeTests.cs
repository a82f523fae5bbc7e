using Microsoft.Extensions.DependencyInjection;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Runs;

public sealed class PipelineSmokeTests
{
    [Fact]
    public async Task OnDemandRun_OfBuiltinNoop_SucceedsWithFullTimeline()
    {
        using var dir = new TempDirectory();
        using var host = await EngineHost.StartAsync(dir.File("scheduler.db"));
        var agents = host.Services.GetRequiredService<IAgentService>();
        var runs = host.Services.GetRequiredService<IRunService>();
        var agent = (await agents.CreateAsync(new AgentDefinition { Name = "noop", ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "noop" })).Value!;

        var created = await runs.CreateAsync(new RunRequest { AgentId = agent.Id, Actor = new Actor(ActorKind.Api, "test") });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        var detail = await WaitForAsync(runs, created.Value!.Id, RunState.Succeeded);

        Assert.Equal([TransitionKind.Created, TransitionKind.Assigned, TransitionKind.Started, TransitionKind.Succeeded], detail.Timeline.Select(t => t.Kind));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<RunDetail> WaitForAsync(IRunService runs, long id, RunState state)
    {
        for (var i = 0; i < 200; i++)
        {
            var detail = await runs.GetAsync(id, TestContext.Current.CancellationToken);
            if (detail?.Run.State == state)
            {
                return detail;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        var last = await runs.GetAsync(id, TestContext.Current.CancellationToken);
        throw new Xunit.Sdk.XunitException($"Run {id} did not reach {state}; it is {last?.Run.State}: {string.Join(" | ", last?.Timeline.Select(t => $"{t.Kind} {t.Reason}") ?? [])}");
    }
}
