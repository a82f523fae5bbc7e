using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Hosting;

/// <summary>
/// Starts the engine after the database is current and before Quartz fires anything: opens the writer, stops
/// agents a crashed predecessor left running, loads and recovers state, and aligns Quartz's triggers with the
/// schedules. On shutdown, running agents are stopped and their runs requeued at the front of their lanes.
/// </summary>
internal sealed partial class EngineService(
    EngineStore store,
    EngineLoop loop,
    IRunLauncher embeddedWorkers,
    ChangeFeed feed,
    EnginePaths paths,
    QuartzScheduleSync quartz,
    WalCheckpointer checkpointer,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<EngineService> logger) : IHostedService, IDisposable
{
    private const string EngineIdKey = "engine.id";

    private readonly CancellationTokenSource _stopping = new();
    private Task _heartbeats = Task.CompletedTask;
    private Task _checkpoints = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        store.Open();
        paths.EngineId = store.GetSetting(EngineIdKey) ?? CreateEngineId();
        feed.StartAfter(SettingValues.ToLong(store.GetSetting(EngineLoop.FeedSequenceKey)));
        var grace = TimeSpan.FromSeconds(options.Value.StopGracePeriodSeconds);
        var orphans = await OrphanReaper.ReapAsync(paths.EngineId, grace, time, logger, cancellationToken);
        await loop.StartAsync(cancellationToken);
        _heartbeats = UntilStoppedAsync(embeddedWorkers.RunHeartbeatsAsync);
        _checkpoints = UntilStoppedAsync(checkpointer.RunAsync);
        await quartz.ReconcileAsync(await loop.InvokeAsync(loop.ListSchedules), cancellationToken);
        LogStarted(logger, paths.EngineId, orphans, feed.LastSequence);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await loop.StopAsync(TimeSpan.FromSeconds(options.Value.StopGracePeriodSeconds + 5));
        await _stopping.CancelAsync();
        await _heartbeats;
        await _checkpoints;
        store.Dispose();
        checkpointer.Checkpoint();
    }

    public void Dispose() => _stopping.Dispose();

    private async Task UntilStoppedAsync(Func<CancellationToken, Task> background)
    {
        try
        {
            await background(_stopping.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or EngineStoppedException)
        {
            // The engine is stopping; its background work stops with it.
        }
    }

    private string CreateEngineId()
    {
        var id = Guid.NewGuid().ToString("N");
        store.SetSetting(EngineIdKey, id);
        return id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduling engine {EngineId} started ({Orphans} orphaned agent processes stopped, change feed at {Sequence})")]
    private static partial void LogStarted(ILogger logger, string engineId, int orphans, long sequence);
}
