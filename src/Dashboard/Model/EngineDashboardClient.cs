using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Authorization;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// <see cref="IDashboardClient"/> over the engine's services, one per circuit. Commands are recorded as the
/// circuit's signed-in user (or "operator" when the host has no sign-in).
/// </summary>
internal sealed class EngineDashboardClient(
    IRunService runs,
    IAgentService agents,
    IScheduleService schedules,
    IWorkerService workers,
    IChangeFeed feed,
    IRunLogs logs,
    AuthenticationStateProvider? authentication = null) : IDashboardClient
{
    private const int MaxBatch = 1000;

    public async IAsyncEnumerable<FeedBatch> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe(afterSequence);
        var reader = subscription.Changes;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            var changes = new List<SchedulerChange>();
            while (changes.Count < MaxBatch && reader.TryRead(out var change))
            {
                changes.Add(change);
            }

            yield return new FeedBatch(changes, ResnapshotRequired: false);
        }

        if (subscription.ResnapshotRequired)
        {
            yield return new FeedBatch([], ResnapshotRequired: true);
        }
    }

    public Task<QueueSnapshot> GetQueueAsync(CancellationToken cancellationToken) => runs.GetQueueAsync(int.MaxValue);

    public Task<(long Sequence, IReadOnlyList<WorkerSnapshot> Workers)> GetWorkersAsync(CancellationToken cancellationToken) => workers.ListAsync();

    public Task<IReadOnlyDictionary<long, WaitReason>> GetWaitReasonsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken) =>
        runs.WhyWaitingAsync(runIds);

    public Task<Page<RunSnapshot>> GetRunsAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken) =>
        runs.ListAsync(filter, skip, take, cancellationToken);

    public Task<RunDetail?> GetRunAsync(long runId, CancellationToken cancellationToken) => runs.GetAsync(runId, cancellationToken);

    public IAsyncEnumerable<LogLine> FollowLogAsync(long runId, CancellationToken cancellationToken) => logs.FollowAsync(runId, 0, cancellationToken);

    public Task<RunGraph> GetGraphAsync(long? root, int depth, CancellationToken cancellationToken) => runs.GetGraphAsync(root, depth, 500, cancellationToken);

    public Task<IReadOnlyDictionary<RunState, int>> CountByStateAsync(CancellationToken cancellationToken) => runs.CountByStateAsync(cancellationToken);

    public Task<IReadOnlyDictionary<int, AgentRunSummary>> RunsPerAgentAsync(CancellationToken cancellationToken) => runs.RunsPerAgentAsync(cancellationToken);

    public Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken) =>
        runs.ThroughputAsync(window, bucket, cancellationToken);

    public Task<IReadOnlyList<AgentInfo>> GetAgentsAsync(CancellationToken cancellationToken) => agents.ListAsync();

    public Task<IReadOnlyList<ScheduleView>> GetSchedulesAsync(CancellationToken cancellationToken) => schedules.ListAsync();

    public async Task<EngineResult<RunSnapshot>> CancelAsync(long runId) => await runs.CancelAsync(runId, await OperatorAsync());

    public async Task<EngineResult<RunSnapshot>> MoveAsync(long runId, Priority lane, long? beforeRunId, long? afterRunId) =>
        await runs.MoveAsync(runId, new MoveRequest { Priority = lane, BeforeRunId = beforeRunId, AfterRunId = afterRunId, Actor = await OperatorAsync() });

    public async Task<EngineResult<RunSnapshot>> PickAsync(long runId, string workerId) => await runs.PickAsync(runId, workerId, await OperatorAsync());

    public async Task<EngineResult<RunSnapshot>> ReleaseAsync(long runId) => await runs.ReleaseAsync(runId, await OperatorAsync());

    public async Task<EngineResult<RunSnapshot>> PreemptAsync(long runId) => await runs.PreemptAsync(runId, await OperatorAsync());

    public Task<EngineResult<PreemptionPreview>> PreviewPreemptionAsync(long runId) => runs.PreviewPreemptionAsync(runId);

    public Task<EngineResult<IReadOnlyList<PlacementOption>>> PlacementOptionsAsync(long runId) => runs.PlacementOptionsAsync(runId);

    public async Task<EngineResult<WorkerSnapshot>> SetDrainingAsync(string workerId, bool draining) =>
        draining ? await workers.DrainAsync(workerId, await OperatorAsync()) : await workers.UndrainAsync(workerId, await OperatorAsync());

    public async Task<EngineResult<RunSnapshot>> StartRunAsync(RunRequest request) => await runs.CreateAsync(request with { Actor = await OperatorAsync() });

    public Task<EngineResult<AgentInfo>> SaveAgentAsync(int? id, AgentDefinition definition, long? expectedVersion) =>
        id is { } existing ? agents.UpdateAsync(existing, definition, expectedVersion) : agents.CreateAsync(definition);

    public Task<EngineResult<AgentInfo>> DeleteAgentAsync(int id) => agents.DeleteAsync(id);

    public Task<EngineResult<ScheduleView>> SaveScheduleAsync(int? id, ScheduleDefinition definition, long? expectedVersion) =>
        id is { } existing ? schedules.UpdateAsync(existing, definition, expectedVersion) : schedules.CreateAsync(definition);

    public Task<EngineResult<ScheduleView>> DeleteScheduleAsync(int id) => schedules.DeleteAsync(id);

    public Task<EngineResult<ScheduleView>> SetSchedulePausedAsync(int id, bool paused) => paused ? schedules.PauseAsync(id) : schedules.ResumeAsync(id);

    public async Task<EngineResult<RunSnapshot>> TriggerScheduleAsync(int id) => await schedules.TriggerAsync(id, null, await OperatorAsync());

    public Task<long> GetFeedSequenceAsync(CancellationToken cancellationToken) => Task.FromResult(feed.LastSequence);

    public EngineResult<IReadOnlyList<DateTimeOffset>> PreviewCron(string? cron, string? timeZone, int count) => schedules.PreviewFireTimes(cron, timeZone, count);

    public IReadOnlyList<TimeZoneInfo> GetTimeZones() => CronSchedule.TimeZones();

    private async Task<Actor> OperatorAsync()
    {
        var user = authentication is null ? null : (await authentication.GetAuthenticationStateAsync()).User;
        return new Actor(ActorKind.Operator, user?.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(user.Identity.Name) ? user.Identity.Name : "operator");
    }
}
