using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Hosting;

/// <summary>
/// Seeds a small, lively demo on a brand-new database so a newcomer sees queues move: agents of different sizes
/// and priorities (builtin and real subprocesses), recurring schedules, an event schedule, a chain of dependent
/// runs and a burst that queues up. It runs once per database (and never once any agent exists); turn it off
/// with <c>Scheduler:Demo:Enabled=false</c>. It uses only the engine's public services.
/// </summary>
internal sealed partial class DemoSeeder(
    IAgentService agents,
    IScheduleService schedules,
    IRunService runs,
    IOptions<DemoOptions> options,
    ILogger<DemoSeeder> logger) : IHostedService
{
    private static readonly Actor Demo = new(ActorKind.Engine, "demo");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || (await agents.ListAsync()).Count > 0 || (await runs.ListAsync(new RunFilter(), 0, 1, cancellationToken)).Total > 0)
        {
            return;
        }

        var report = await AgentAsync("report-builder", "Builds the hourly sales report (prints progress lines).", ExecutionEnvironment.Builtin, "print", ["30", "300"], ResourceVector.Of(1, 512));
        var backup = await AgentAsync("nightly-backup", "Backs up the file share (a real /bin/sleep process).", ExecutionEnvironment.Subprocess, "/bin/sleep", ["12"], ResourceVector.Of(2, 1024, storageMb: 4096));
        var thumbnails = await AgentAsync("thumbnail-render", "Renders product thumbnails.", ExecutionEnvironment.Builtin, "sleep", ["9"], ResourceVector.Of(2, 2048));
        var transcode = await AgentAsync("video-transcode", "Transcodes uploaded videos; heavy on cpu and memory.", ExecutionEnvironment.Builtin, "sleep", ["14"], ResourceVector.Of(4, 6144, bandwidthMbps: 200));
        var trainer = await AgentAsync("model-trainer", "Retrains the recommendation model on the GPU.", ExecutionEnvironment.Builtin, "sleep", ["25"], ResourceVector.Of(4, 8192, gpu: 1));
        var flaky = await AgentAsync("partner-sync", "Syncs orders with a partner API that often fails (retried with backoff).", ExecutionEnvironment.Builtin, "fail", ["3", "partner API answered 503"], ResourceVector.Of(0.5, 256), new RetryPolicy(3, 4));
        var extract = await AgentAsync("etl-extract", "ETL step 1: extract.", ExecutionEnvironment.Builtin, "sleep", ["8"], ResourceVector.Of(1, 1024));
        var transform = await AgentAsync("etl-transform", "ETL step 2: transform.", ExecutionEnvironment.Builtin, "sleep", ["10"], ResourceVector.Of(2, 2048));
        var load = await AgentAsync("etl-load", "ETL step 3: load.", ExecutionEnvironment.Builtin, "sleep", ["6"], ResourceVector.Of(1, 1024));

        // Recurring work that contends for the two workers at the same seconds, so lanes fill and drain.
        await ScheduleAsync(report, "Sales report every 30 s", ScheduleType.Recurring, Priority.Medium, new ScheduleTrigger { Type = TriggerType.Cron, Cron = "0/30 * * * * ?" });
        await ScheduleAsync(backup, "Backup every minute", ScheduleType.Recurring, Priority.Low, new ScheduleTrigger { Type = TriggerType.Cron, Cron = "15 * * * * ?", Misfire = MisfirePolicy.Skip });
        await ScheduleAsync(thumbnails, "Thumbnails every 20 s", ScheduleType.Recurring, Priority.Background, new ScheduleTrigger { Type = TriggerType.Cron, Cron = "0/20 * * * * ?" });
        await ScheduleAsync(transcode, "Transcode uploads every 30 s", ScheduleType.Recurring, Priority.Low, new ScheduleTrigger { Type = TriggerType.Cron, Cron = "10/30 * * * * ?" });
        await ScheduleAsync(transcode, "Transcode priority uploads every minute", ScheduleType.Recurring, Priority.High, new ScheduleTrigger { Type = TriggerType.Cron, Cron = "40 * * * * ?" });
        await ScheduleAsync(trainer, "Retrain when the model is updated", ScheduleType.Event, Priority.High, new ScheduleTrigger { Type = TriggerType.Event, Event = "model.updated" });
        await ScheduleAsync(flaky, "Partner sync on demand", ScheduleType.OnDemand, Priority.Medium, new ScheduleTrigger { Type = TriggerType.Manual });

        // A first burst larger than the workers, so a newcomer sees every lane hold runs for a minute.
        var extracted = await RunAsync(extract, Priority.High, []);
        var transformed = await RunAsync(transform, Priority.High, [extracted]);
        await RunAsync(load, Priority.High, [transformed]);
        await RunAsync(trainer, Priority.Critical, []);
        await RunAsync(flaky, Priority.Medium, []);
        foreach (var (agent, priority) in new[]
                 {
                     (transcode, Priority.Medium), (transcode, Priority.Low), (transcode, Priority.High), (backup, Priority.Low),
                     (thumbnails, Priority.Background), (thumbnails, Priority.Background), (thumbnails, Priority.Low), (report, Priority.Medium),
                     (transcode, Priority.Background), (thumbnails, Priority.Medium), (backup, Priority.Background), (report, Priority.Critical),
                 })
        {
            await RunAsync(agent, priority, []);
        }

        LogSeeded(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<int> AgentAsync(string name, string description, ExecutionEnvironment environment, string command, string[] args, ResourceVector resources, RetryPolicy? retry = null)
    {
        var result = await agents.CreateAsync(new AgentDefinition
        {
            Name = name,
            Description = description,
            ExecutionEnvironment = environment,
            Command = command,
            Args = args,
            Resources = resources,
            TimeoutSeconds = 120,
            Retry = retry ?? RetryPolicy.None,
        });
        return Expect(result, $"agent {name}").Id;
    }

    private async Task ScheduleAsync(int agentId, string name, ScheduleType type, Priority priority, ScheduleTrigger trigger) =>
        Expect(await schedules.CreateAsync(new ScheduleDefinition { AgentId = agentId, Name = name, Type = type, Priority = priority, Trigger = trigger }), $"schedule {name}");

    private async Task<long> RunAsync(int agentId, Priority priority, long[] dependsOn) =>
        Expect(await runs.CreateAsync(new RunRequest { AgentId = agentId, Priority = priority, DependsOn = dependsOn, Actor = Demo }), $"run of agent {agentId}").Id;

    private static T Expect<T>(EngineResult<T> result, string what) =>
        result.Succeeded
            ? result.Value!
            : throw new InvalidOperationException($"The demo could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Message))}. Check Scheduler:Workers in appsettings.json, or set Scheduler:Demo:Enabled to false.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo: 9 agents, 7 schedules and a burst of runs (Scheduler:Demo:Enabled turns this off)")]
    private static partial void LogSeeded(ILogger logger);
}
