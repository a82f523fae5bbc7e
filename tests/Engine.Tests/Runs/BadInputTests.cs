using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Runs;

/// <summary>
/// Bad input refused by the engine itself (below the HTTP API): each refusal names the field at fault (or the
/// thing that does not exist), and leaves the database, the queue and the change feed exactly as they were.
/// </summary>
public sealed class BadInputTests(BadInputTests.World world) : IClassFixture<BadInputTests.World>
{
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");

    private IRunService Runs => world.Host.Services.GetRequiredService<IRunService>();

    private IAgentService Agents => world.Host.Services.GetRequiredService<IAgentService>();

    private IScheduleService Schedules => world.Host.Services.GetRequiredService<IScheduleService>();

    [Theory]
    [InlineData("not a cron")]
    [InlineData("0 0 25 * * ?")]
    [InlineData("* * * * *  * * *")]
    [InlineData("")]
    public async Task InvalidCron_IsRefusedOnCreateAndUpdate_NamingTriggerCron(string cron)
    {
        var recurring = new ScheduleDefinition
        {
            AgentId = world.AgentId,
            Type = ScheduleType.Recurring,
            Trigger = new ScheduleTrigger { Type = TriggerType.Cron, Cron = cron },
        };

        await AssertRefusedAsync(() => Schedules.CreateAsync(recurring, TestContext.Current.CancellationToken), EngineErrorKind.Invalid, "trigger.cron");
        await AssertRefusedAsync(() => Schedules.UpdateAsync(world.ScheduleId, recurring, cancellationToken: TestContext.Current.CancellationToken), EngineErrorKind.Invalid, "trigger.cron");
    }

    [Fact]
    public async Task UnknownAgent_IsRefusedForRunsAndSchedules_NamingAgentId()
    {
        await AssertRefusedAsync(() => Runs.CreateAsync(new RunRequest { AgentId = 9999, Actor = Alice }), EngineErrorKind.Invalid, "agentId", "9999");
        await AssertRefusedAsync(() => Schedules.CreateAsync(new ScheduleDefinition { AgentId = 9999 }, TestContext.Current.CancellationToken), EngineErrorKind.Invalid, "agentId", "9999");
        await AssertRefusedAsync(() => Agents.UpdateAsync(9999, Sleeper("other")), EngineErrorKind.NotFound, null, "9999");
        await AssertRefusedAsync(() => Agents.DeleteAsync(9999), EngineErrorKind.NotFound, null, "9999");
    }

    [Fact]
    public async Task UnknownRun_IsRefusedByEveryRunCommand()
    {
        await AssertRefusedAsync(() => Runs.CancelAsync(9999, Alice), EngineErrorKind.NotFound, null, "Run 9999 does not exist");
        await AssertRefusedAsync(() => Runs.MoveAsync(9999, new MoveRequest { Priority = Priority.High, Actor = Alice }), EngineErrorKind.NotFound, null, "Run 9999 does not exist");
        await AssertRefusedAsync(() => Runs.PickAsync(9999, "big", Alice), EngineErrorKind.NotFound, null, "Run 9999 does not exist");
        await AssertRefusedAsync(() => Runs.ReleaseAsync(9999, Alice), EngineErrorKind.NotFound, null, "Run 9999 does not exist");
        await AssertRefusedAsync(() => Runs.PreemptAsync(9999, Alice), EngineErrorKind.NotFound, null, "Run 9999 does not exist");
        await AssertRefusedAsync(() => Runs.CreateAsync(new RunRequest { AgentId = world.AgentId, DependsOn = [9999], Actor = Alice }), EngineErrorKind.Invalid, "dependsOn", "9999");
        await AssertRefusedAsync(
            () => Runs.MoveAsync(world.MediumRunId, new MoveRequest { Priority = Priority.Medium, BeforeRunId = 9999, Actor = Alice }),
            EngineErrorKind.Invalid,
            "beforeRunId",
            "9999");
        Assert.Null(await Runs.GetAsync(9999, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NegativeResources_AreRefusedForRunsAgentsAndSchedules_NamingResources()
    {
        var negative = ResourceVector.Of(-1, 256);
        await AssertRefusedAsync(() => Runs.CreateAsync(new RunRequest { AgentId = world.AgentId, Resources = negative, Actor = Alice }), EngineErrorKind.Invalid, "resources", "negative");
        await AssertRefusedAsync(() => Agents.CreateAsync(Sleeper("negative") with { Resources = ResourceVector.Of(1, -5) }), EngineErrorKind.Invalid, "resources", "negative");
        await AssertRefusedAsync(
            () => Schedules.CreateAsync(new ScheduleDefinition { AgentId = world.AgentId, Resources = negative }, TestContext.Current.CancellationToken),
            EngineErrorKind.Invalid,
            "resources",
            "negative");
    }

    [Fact]
    public void NaNInfiniteNegativeOrFractionalAmounts_BecomeNoVector_AndEachBadAmountIsNamed()
    {
        var errors = new List<EngineError>();

        var vector = new ResourceAmounts(double.NaN, -1, 0.5, double.PositiveInfinity, 1e13).ToVector("resources", errors);

        Assert.Null(vector);
        Assert.Equal(["resources.cpu", "resources.memoryMb", "resources.gpu", "resources.bandwidthMbps", "resources.storageMb"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(EngineErrorKind.Invalid, e.Kind));
        Assert.Contains("must be a number (was NaN)", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("must not be negative", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("whole number", errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(ResourceVector.Of(1.5, 512), new ResourceAmounts(1.5, 512).ToVector("resources", errors));
    }

    [Fact]
    public async Task ResourcesLargerThanEveryWorker_AreRefused_SayingWhatTheLargestWorkerHas()
    {
        var huge = ResourceVector.Of(64, 256);
        var run = await AssertRefusedAsync(() => Runs.CreateAsync(new RunRequest { AgentId = world.AgentId, Resources = huge, Actor = Alice }), EngineErrorKind.Invalid, "resources");
        Assert.Equal("No worker is large enough: needs 64 cores; the largest worker has 8 cores.", run.Message);
        await AssertRefusedAsync(() => Agents.CreateAsync(Sleeper("huge") with { Resources = ResourceVector.Of(1, 1_000_000) }), EngineErrorKind.Invalid, "resources", "the largest worker has 16384 MB memory");
        await AssertRefusedAsync(
            () => Schedules.CreateAsync(new ScheduleDefinition { AgentId = world.AgentId, Resources = ResourceVector.Of(1, 256, gpu: 2) }, TestContext.Current.CancellationToken),
            EngineErrorKind.Invalid,
            "resources",
            "the largest worker has 1 GPU");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyCommand_IsRefused_NamingCommand(string command)
    {
        await AssertRefusedAsync(() => Agents.CreateAsync(Sleeper("empty") with { ExecutionEnvironment = ExecutionEnvironment.Subprocess, Command = command }), EngineErrorKind.Invalid, "command");
        await AssertRefusedAsync(() => Agents.UpdateAsync(world.AgentId, Sleeper("sleeper") with { Command = command }), EngineErrorKind.Invalid, "command");
    }

    [Theory]
    [InlineData("sleeper")]
    [InlineData("SLEEPER")]
    public async Task DuplicateAgentName_IsAConflictNamingName(string name)
    {
        await AssertRefusedAsync(() => Agents.CreateAsync(Sleeper(name)), EngineErrorKind.Conflict, "name", "already exists");
        await AssertRefusedAsync(() => Agents.UpdateAsync(world.OtherAgentId, Sleeper(name)), EngineErrorKind.Conflict, "name", "already exists");
    }

    [Fact]
    public async Task MoveOntoARunInAnotherLane_IsRefused_NamingTheTargetField()
    {
        await AssertRefusedAsync(
            () => Runs.MoveAsync(world.MediumRunId, new MoveRequest { Priority = Priority.Medium, BeforeRunId = world.HighRunId, Actor = Alice }),
            EngineErrorKind.Invalid,
            "beforeRunId",
            "is in the high lane, not the medium lane");
        await AssertRefusedAsync(
            () => Runs.MoveAsync(world.MediumRunId, new MoveRequest { Priority = Priority.Low, AfterRunId = world.HighRunId, Actor = Alice }),
            EngineErrorKind.Invalid,
            "afterRunId",
            "is in the high lane, not the low lane");
        await AssertRefusedAsync(
            () => Runs.MoveAsync(world.MediumRunId, new MoveRequest { Priority = Priority.High, BeforeRunId = world.HighRunId, AfterRunId = world.HighRunId, Actor = Alice }),
            EngineErrorKind.Invalid,
            "beforeRunId");
        await AssertRefusedAsync(
            () => Runs.MoveAsync(world.MediumRunId, new MoveRequest { Priority = Priority.High, BeforeRunId = world.FinishedRunId, Actor = Alice }),
            EngineErrorKind.Invalid,
            "beforeRunId",
            "is not queued");
    }

    [Fact]
    public async Task CancelOrMoveOfAFinishedRun_IsAConflictSayingHowItEnded()
    {
        await AssertRefusedAsync(() => Runs.CancelAsync(world.FinishedRunId, Alice), EngineErrorKind.Conflict, null, $"Run {world.FinishedRunId} already cancelled");
        await AssertRefusedAsync(() => Runs.MoveAsync(world.FinishedRunId, new MoveRequest { Priority = Priority.High, Actor = Alice }), EngineErrorKind.Conflict, null, "already cancelled");
        await AssertRefusedAsync(() => Runs.PickAsync(world.FinishedRunId, "big", Alice), EngineErrorKind.Conflict, null, "already cancelled");
    }

    private static AgentDefinition Sleeper(string name) =>
        new() { Name = name, ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "sleep", Args = ["600"] };

    /// <summary>Runs a command that must be refused; checks the refusal and that nothing changed anywhere.</summary>
    private async Task<EngineError> AssertRefusedAsync<T>(Func<Task<EngineResult<T>>> command, EngineErrorKind kind, string? field, string? messageContains = null)
    {
        var sequence = world.Host.Services.GetRequiredService<IChangeFeed>().LastSequence;
        var database = world.DatabaseContents();
        var queue = await QueueShapeAsync();

        var result = await command();

        Assert.False(result.Succeeded, "the command was accepted");
        var error = Assert.Single(result.Errors);
        Assert.Equal((kind, field), (error.Kind, error.Field));
        if (messageContains is not null)
        {
            Assert.Contains(messageContains, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(queue, await QueueShapeAsync());
        Assert.Equal(sequence, world.Host.Services.GetRequiredService<IChangeFeed>().LastSequence);
        Assert.Equal(database, world.DatabaseContents());
        return error;
    }

    private async Task<string> QueueShapeAsync()
    {
        var queue = await Runs.GetQueueAsync();
        return string.Join(" | ", queue.Lanes.Select(l => $"{l.Priority}: {string.Join(",", l.Runs.Select(r => $"{r.Id}@{r.QueuePosition}v{r.Version}"))}"))
            + $" | active {queue.Active.Count} | pending {queue.Pending.Count} | sequence {queue.Sequence}";
    }

    /// <summary>A host with an agent, a schedule, a queued run in the medium and in the high lane, and a cancelled run.</summary>
    public sealed class World : IAsyncLifetime
    {
        private readonly TempDirectory _dir = new();

        public IHost Host { get; private set; } = default!;

        public int AgentId { get; private set; }

        public int OtherAgentId { get; private set; }

        public int ScheduleId { get; private set; }

        public long MediumRunId { get; private set; }

        public long HighRunId { get; private set; }

        public long FinishedRunId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            Host = await EngineHost.StartAsync(_dir.File("scheduler.db"));
            var workers = Host.Services.GetRequiredService<IWorkerService>();
            await workers.DrainAsync("big", Alice);
            await workers.DrainAsync("small", Alice);
            var agents = Host.Services.GetRequiredService<IAgentService>();
            AgentId = (await agents.CreateAsync(Sleeper("sleeper"))).Value!.Id;
            OtherAgentId = (await agents.CreateAsync(Sleeper("other"))).Value!.Id;
            ScheduleId = (await Host.Services.GetRequiredService<IScheduleService>().CreateAsync(new ScheduleDefinition { AgentId = AgentId, Name = "manual" })).Value!.Schedule.Id;
            var runs = Host.Services.GetRequiredService<IRunService>();
            MediumRunId = (await runs.CreateAsync(new RunRequest { AgentId = AgentId, Priority = Priority.Medium, Actor = Alice })).Value!.Id;
            HighRunId = (await runs.CreateAsync(new RunRequest { AgentId = AgentId, Priority = Priority.High, Actor = Alice })).Value!.Id;
            FinishedRunId = (await runs.CreateAsync(new RunRequest { AgentId = AgentId, Actor = Alice })).Value!.Id;
            Assert.True((await runs.CancelAsync(FinishedRunId, Alice)).Succeeded);
            var rows = DatabaseContents().Split(Environment.NewLine).Single(l => l.StartsWith("runs: ", StringComparison.Ordinal));
            Assert.Equal(3, rows.Split(" / ").Length);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync(CancellationToken.None);
            Host.Dispose();
            _dir.Dispose();
        }

        /// <summary>Every row of the engine's tables and of Quartz's job and trigger tables, as text.</summary>
        public string DatabaseContents()
        {
            using var connection = Host.Services.GetRequiredService<SqliteDatabase>().OpenConnection();
            var text = new StringBuilder();
            foreach (var table in new[] { "engine_settings", "agents", "schedules", "runs", "run_transitions", "run_dependencies", "qrtz_job_details", "qrtz_triggers", "qrtz_cron_triggers" })
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM {table}";
                using var reader = command.ExecuteReader();
                var rows = new List<string>();
                while (reader.Read())
                {
                    rows.Add(string.Join("¦", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
                }

                rows.Sort(StringComparer.Ordinal);
                text.Append(table).Append(": ").AppendJoin(" / ", rows).AppendLine();
            }

            return text.ToString();
        }
    }
}
