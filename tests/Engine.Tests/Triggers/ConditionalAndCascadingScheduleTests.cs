using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Triggers;

public sealed class ConditionalAndCascadingScheduleTests : IAsyncLifetime
{
    private static readonly Actor Sensor = new(ActorKind.Api, "sensor-feed");
    private readonly TempDirectory _dir = new();
    private IHost _host = default!;
    private int _noop;

    private IScheduleService Schedules => _host.Services.GetRequiredService<IScheduleService>();

    public async ValueTask InitializeAsync()
    {
        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"));
        _noop = (await _host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
        {
            Name = "noop",
            ExecutionEnvironment = ExecutionEnvironment.Builtin,
            Command = "noop",
            Resources = ResourceVector.Of(0.1, 16),
        })).Value!.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task SensorSchedule_FiresWhenTheValueCrossesTheThresholdAndOnlyAgainAfterFallingBack()
    {
        var schedule = await CreateAsync(new ScheduleDefinition
        {
            AgentId = _noop,
            Type = ScheduleType.Conditional,
            Trigger = new ScheduleTrigger { Type = TriggerType.Sensor, Condition = new ScheduleCondition { Sensor = "disk.usage", Above = 90 } },
        });

        var readings = new[] { 50.0, 95, 97, 80, 92 };
        var fired = new List<int>();
        foreach (var value in readings)
        {
            fired.Add((await Schedules.PostSensorAsync("disk.usage", value, Sensor)).Value!.Count);
        }

        Assert.Equal([0, 1, 0, 0, 1], fired);
        var runs = await _host.Services.GetRequiredService<IRunService>().ListAsync(new RunFilter { ScheduleId = schedule }, 0, 10, TestContext.Current.CancellationToken);
        Assert.Equal(2, runs.Total);
        Assert.All(runs.Items, r => Assert.Equal(TriggerType.Sensor, r.Trigger));
    }

    [Fact]
    public async Task CascadingSchedule_FiresAfterItsUpstreamsRunSucceeds()
    {
        var upstream = await CreateAsync(new ScheduleDefinition { AgentId = _noop, Type = ScheduleType.OnDemand, Trigger = new ScheduleTrigger { Type = TriggerType.Manual } });
        var downstream = await CreateAsync(new ScheduleDefinition
        {
            AgentId = _noop,
            Type = ScheduleType.Cascading,
            Trigger = new ScheduleTrigger { Type = TriggerType.Dependency, UpstreamScheduleId = upstream },
        });

        var first = (await Schedules.TriggerAsync(upstream, null, new Actor(ActorKind.Operator, "alice"))).Value!;
        await _host.WaitForStateAsync(first.Id, RunState.Succeeded);

        var runs = _host.Services.GetRequiredService<IRunService>();
        var cascaded = (await runs.ListAsync(new RunFilter { ScheduleId = downstream }, 0, 10, TestContext.Current.CancellationToken)).Items;
        var run = Assert.Single(cascaded);
        Assert.Equal(TriggerType.Dependency, run.Trigger);
        Assert.Equal(first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (await runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Spec.Parameters["UPSTREAM_RUN_ID"]);
    }

    [Fact]
    public async Task ConditionalAndCascadingSchedules_KeepTheirConditionAndUpstreamAcrossARestart()
    {
        var condition = new ScheduleCondition { Sensor = "disk.usage", Above = 90, Below = 99.5 };
        var free = new ScheduleCondition { FreeResources = ResourceVector.Of(1.5, 512, gpu: 1), WindowStart = "22:00", WindowEnd = "06:00" };
        var sensor = await CreateAsync(new ScheduleDefinition { AgentId = _noop, Type = ScheduleType.Conditional, Trigger = new ScheduleTrigger { Type = TriggerType.Sensor, Condition = condition } });
        var resources = await CreateAsync(new ScheduleDefinition { AgentId = _noop, Type = ScheduleType.Conditional, Trigger = new ScheduleTrigger { Type = TriggerType.Sensor, Condition = free } });
        var cascade = await CreateAsync(new ScheduleDefinition { AgentId = _noop, Type = ScheduleType.Cascading, Trigger = new ScheduleTrigger { Type = TriggerType.Dependency, UpstreamScheduleId = sensor } });

        await _host.StopAsync(TestContext.Current.CancellationToken);
        _host.Dispose();
        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"));

        Assert.Equal(condition, (await Schedules.GetAsync(sensor))!.Schedule.Definition.Trigger.Condition);
        Assert.Equal(free, (await Schedules.GetAsync(resources))!.Schedule.Definition.Trigger.Condition);
        Assert.Equal(sensor, (await Schedules.GetAsync(cascade))!.Schedule.Definition.Trigger.UpstreamScheduleId);
        var graph = await _host.Services.GetRequiredService<IRunService>().GetGraphAsync(null, 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(new GraphScheduleEdge(cascade, sensor, Cascade: true), graph.ScheduleEdges);
        Assert.Single((await Schedules.PostSensorAsync("disk.usage", 95, Sensor)).Value!);
    }

    [Fact]
    public async Task Schedules_ThatWouldCascadeInACycle_AreRefused()
    {
        var a = await CreateAsync(new ScheduleDefinition { AgentId = _noop, Type = ScheduleType.OnDemand, Trigger = new ScheduleTrigger { Type = TriggerType.Manual } });
        var b = await CreateAsync(new ScheduleDefinition
        {
            AgentId = _noop,
            Type = ScheduleType.Cascading,
            Trigger = new ScheduleTrigger { Type = TriggerType.Dependency, UpstreamScheduleId = a },
        });

        var cycle = await Schedules.UpdateAsync(a, new ScheduleDefinition
        {
            AgentId = _noop,
            Type = ScheduleType.Cascading,
            Trigger = new ScheduleTrigger { Type = TriggerType.Dependency, UpstreamScheduleId = b },
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("trigger.upstreamScheduleId", cycle.Error.Field);
        Assert.Contains("cycle", cycle.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ScheduleType.OnDemand, (await Schedules.GetAsync(a))!.Schedule.Definition.Type);
    }

    [Fact]
    public async Task ConditionalSchedule_WithoutACondition_NamesTheField()
    {
        var result = await Schedules.CreateAsync(new ScheduleDefinition
        {
            AgentId = _noop,
            Type = ScheduleType.Conditional,
            Trigger = new ScheduleTrigger { Type = TriggerType.Sensor },
        }, TestContext.Current.CancellationToken);

        Assert.Equal("trigger.condition", result.Error.Field);
    }

    [Fact]
    public async Task RunGraph_AroundARoot_HasItsNeighboursAndTheirStates()
    {
        var runs = _host.Services.GetRequiredService<IRunService>();
        var chain = (await runs.CreateBatchAsync(
        [
            new BatchRunRequest { Key = "a", Run = new RunRequest { AgentId = _noop, Actor = Sensor } },
            new BatchRunRequest { Key = "b", Run = new RunRequest { AgentId = _noop, Actor = Sensor }, DependsOnKeys = ["a"] },
            new BatchRunRequest { Key = "c", Run = new RunRequest { AgentId = _noop, Actor = Sensor }, DependsOnKeys = ["b"] },
        ])).Value!;
        await _host.WaitForStateAsync(chain[2].Id, RunState.Succeeded);

        var graph = await runs.GetGraphAsync(chain[1].Id, depth: 1, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(chain.Select(r => r.Id), graph.Runs.Select(r => r.RunId));
        Assert.Equal([new GraphEdge(chain[1].Id, chain[0].Id), new GraphEdge(chain[2].Id, chain[1].Id)], graph.Edges);
        Assert.All(graph.Runs, r => Assert.Equal(RunState.Succeeded, r.State));
    }

    private async Task<int> CreateAsync(ScheduleDefinition definition)
    {
        var result = await Schedules.CreateAsync(definition, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.Value!.Schedule.Id;
    }
}
