using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Tests;

/// <summary>
/// A stand-in for the engine in component tests: snapshots are whatever the test sets, the feed is a channel
/// the test writes changes to, and every command is recorded and answered with what the test chose.
/// </summary>
internal sealed class FakeDashboardClient : IDashboardClient
{
    private readonly Channel<FeedBatch> _feed = Channel.CreateUnbounded<FeedBatch>();

    public QueueSnapshot Queue { get; set; } = EmptyQueue(0);

    public List<WorkerSnapshot> Workers { get; } = [];

    public Dictionary<long, WaitReason> WaitReasons { get; } = [];

    public List<RunSnapshot> History { get; } = [];

    public Dictionary<long, RunDetail> Details { get; } = [];

    public List<LogLine> Log { get; } = [];

    public RunGraph Graph { get; set; } = new([], [], [], [], false);

    public Dictionary<RunState, int> Counts { get; } = RunStates.All.ToDictionary(s => s, _ => 0);

    public List<ThroughputBucket> Throughput { get; } = [];

    public List<AgentInfo> Agents { get; } = [];

    public List<ScheduleView> Schedules { get; } = [];

    public List<PlacementOption> PlacementOptions { get; } = [];

    /// <summary>Every command called, with its arguments, in order.</summary>
    public List<(string Command, object?[] Arguments)> Commands { get; } = [];

    /// <summary>The answer the next commands get; null answers success with the run they name (or a default).</summary>
    public EngineError? NextError { get; set; }

    /// <summary>The answer a command about a run gets when it succeeds.</summary>
    public Func<long, RunSnapshot> RunAfterCommand { get; set; } = id => Run(id);

    public static QueueSnapshot EmptyQueue(long sequence) =>
        new(sequence, [.. Priorities.HighestFirst.Select(p => new LaneSnapshot(p, []))], [], []);

    public static RunSnapshot Run(long id, RunState state = RunState.Queued, Priority priority = Priority.Medium, long position = 0, long version = 1, string agent = "agent") => new()
    {
        Id = id,
        AgentId = 1,
        AgentName = agent,
        State = state,
        Priority = priority,
        RequestedPriority = priority,
        BasePriority = priority,
        QueuePosition = position,
        Attempt = 1,
        Resources = ResourceVector.Of(1, 256),
        CreatedBy = "api:test",
        CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        OwnerWorker = state is RunState.Assigned or RunState.Running ? "worker-large" : null,
        OwnerEpoch = state is RunState.Assigned or RunState.Running ? 1 : 0,
        StartedAt = state == RunState.Running ? DateTimeOffset.UtcNow.AddSeconds(-30) : null,
        Version = version,
    };

    /// <summary>Delivers changes to every watcher, as the engine's feed would.</summary>
    public ValueTask PublishAsync(params SchedulerChange[] changes) => _feed.Writer.WriteAsync(new FeedBatch(changes, ResnapshotRequired: false));

    /// <summary>Tells watchers the feed has a gap, so they reload the snapshot.</summary>
    public ValueTask RequireResnapshotAsync() => _feed.Writer.WriteAsync(new FeedBatch([], ResnapshotRequired: true));

    public static SchedulerChange Change(long sequence, RunSnapshot run) =>
        new() { Sequence = sequence, At = DateTimeOffset.UtcNow, Kind = ChangeKind.Run, Run = run };

    public async IAsyncEnumerable<FeedBatch> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in _feed.Reader.ReadAllAsync(cancellationToken))
        {
            yield return batch;
            if (batch.ResnapshotRequired)
            {
                yield break;
            }
        }
    }

    public Task<QueueSnapshot> GetQueueAsync(CancellationToken cancellationToken) => Task.FromResult(Queue);

    public Task<(long Sequence, IReadOnlyList<WorkerSnapshot> Workers)> GetWorkersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<(long, IReadOnlyList<WorkerSnapshot>)>((Queue.Sequence, [.. Workers]));

    public Task<IReadOnlyDictionary<long, WaitReason>> GetWaitReasonsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<long, WaitReason>>(WaitReasons.Where(r => runIds.Contains(r.Key)).ToDictionary());

    public Task<Page<RunSnapshot>> GetRunsAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        RunQueries.Add((filter, skip, take));
        return Task.FromResult(new Page<RunSnapshot>([.. History.Skip(skip).Take(take)], History.Count));
    }

    public Task<RunDetail?> GetRunAsync(long runId, CancellationToken cancellationToken) => Task.FromResult(Details.GetValueOrDefault(runId));

    public async IAsyncEnumerable<LogLine> FollowLogAsync(long runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var line in Log)
        {
            yield return line;
        }

        while (await LiveLog.Reader.WaitToReadAsync(cancellationToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            while (LiveLog.Reader.TryRead(out var line))
            {
                yield return line;
            }
        }
    }

    /// <summary>Summarises <see cref="History"/> per agent, as the engine's grouped query does.</summary>
    public Task<IReadOnlyDictionary<int, AgentRunSummary>> RunsPerAgentAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<int, AgentRunSummary>>(History.GroupBy(r => r.AgentId).ToDictionary(
            g => g.Key,
            g => g.MaxBy(r => r.Id) is { } latest ? new AgentRunSummary(g.Count(), latest.Id, latest.State) : throw new InvalidOperationException("empty group")));

    public Task<RunGraph> GetGraphAsync(long? root, int depth, CancellationToken cancellationToken) => Task.FromResult(Graph);

    public Task<IReadOnlyDictionary<RunState, int>> CountByStateAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<RunState, int>>(Counts);

    public Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ThroughputBucket>>([.. Throughput]);

    public Task<IReadOnlyList<AgentInfo>> GetAgentsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AgentInfo>>([.. Agents]);

    public Task<IReadOnlyList<ScheduleView>> GetSchedulesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ScheduleView>>([.. Schedules]);

    public Task<EngineResult<RunSnapshot>> CancelAsync(long runId) => RunCommand(nameof(CancelAsync), runId);

    public Task<EngineResult<RunSnapshot>> MoveAsync(long runId, Priority lane, long? beforeRunId, long? afterRunId) =>
        RunCommand(nameof(MoveAsync), runId, lane, beforeRunId, afterRunId);

    public Task<EngineResult<RunSnapshot>> PickAsync(long runId, string workerId) => RunCommand(nameof(PickAsync), runId, workerId);

    public Task<EngineResult<RunSnapshot>> ReleaseAsync(long runId) => RunCommand(nameof(ReleaseAsync), runId);

    public Task<EngineResult<RunSnapshot>> PreemptAsync(long runId) => RunCommand(nameof(PreemptAsync), runId);

    public Task<EngineResult<PreemptionPreview>> PreviewPreemptionAsync(long runId) =>
        Answer(nameof(PreviewPreemptionAsync), new PreemptionPreview(runId, "worker-large", [], false, "It fits on worker-large now; nothing would be stopped."), runId);

    public Task<EngineResult<IReadOnlyList<PlacementOption>>> PlacementOptionsAsync(long runId) =>
        Answer<IReadOnlyList<PlacementOption>>(nameof(PlacementOptionsAsync), [.. PlacementOptions], runId);

    public Task<EngineResult<WorkerSnapshot>> SetDrainingAsync(string workerId, bool draining) =>
        Answer(nameof(SetDrainingAsync), Workers.First(w => w.Id == workerId), workerId, draining);

    public Task<EngineResult<RunSnapshot>> StartRunAsync(RunRequest request) => RunCommand(nameof(StartRunAsync), 1000, request);

    public Task<EngineResult<AgentInfo>> SaveAgentAsync(int? id, AgentDefinition definition, long? expectedVersion) =>
        Answer(nameof(SaveAgentAsync), new AgentInfo(id ?? Agents.Count + 1, definition, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, (expectedVersion ?? 0) + 1), id, definition, expectedVersion);

    public Task<EngineResult<AgentInfo>> DeleteAgentAsync(int id) => Answer(nameof(DeleteAgentAsync), Agents.First(a => a.Id == id), id);

    public Task<EngineResult<ScheduleView>> SaveScheduleAsync(int? id, ScheduleDefinition definition, long? expectedVersion) =>
        Answer(nameof(SaveScheduleAsync), new ScheduleView(new ScheduleInfo(id ?? Schedules.Count + 1, definition, false, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1), []), id, definition, expectedVersion);

    public Task<EngineResult<ScheduleView>> DeleteScheduleAsync(int id) => Answer(nameof(DeleteScheduleAsync), Schedules.First(s => s.Schedule.Id == id), id);

    public Task<EngineResult<ScheduleView>> SetSchedulePausedAsync(int id, bool paused) =>
        Answer(nameof(SetSchedulePausedAsync), Schedules.First(s => s.Schedule.Id == id), id, paused);

    public Task<EngineResult<RunSnapshot>> TriggerScheduleAsync(int id) => RunCommand(nameof(TriggerScheduleAsync), 1000, id);

    /// <summary>The sequence <see cref="GetFeedSequenceAsync"/> answers.</summary>
    public long FeedSequence { get; set; }

    /// <summary>The moment cron previews count from.</summary>
    public DateTimeOffset PreviewNow { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Every cron expression and time zone previewed, in order.</summary>
    public List<(string? Cron, string? TimeZone)> Previews { get; } = [];

    public Task<long> GetFeedSequenceAsync(CancellationToken cancellationToken) => Task.FromResult(FeedSequence);

    /// <summary>Previews as the engine does (its public cron rules), from <see cref="PreviewNow"/>.</summary>
    public EngineResult<IReadOnlyList<DateTimeOffset>> PreviewCron(string? cron, string? timeZone, int count)
    {
        Previews.Add((cron, timeZone));
        var errors = new List<EngineError>();
        if (CronSchedule.Problem(cron) is { } problem)
        {
            errors.Add(EngineError.Invalid("trigger.cron", problem));
        }

        if (CronSchedule.FindTimeZone(timeZone) is null)
        {
            errors.Add(EngineError.Invalid("trigger.timeZone", $"Unknown time zone '{timeZone}'."));
        }

        return errors.Count > 0 ? EngineResult.Fail<IReadOnlyList<DateTimeOffset>>(errors) : EngineResult.Ok(CronSchedule.NextFireTimes(cron!, timeZone, PreviewNow, count));
    }

    public IReadOnlyList<TimeZoneInfo> GetTimeZones() => CronSchedule.TimeZones();

    /// <summary>Every page of the history asked for, with its filter, in order.</summary>
    public List<(RunFilter Filter, int Skip, int Take)> RunQueries { get; } = [];

    /// <summary>Log lines written after <see cref="Log"/>, delivered live to every follower.</summary>
    public Channel<LogLine> LiveLog { get; } = Channel.CreateUnbounded<LogLine>();

    private Task<EngineResult<RunSnapshot>> RunCommand(string name, long runId, params object?[] more) =>
        Answer(name, RunAfterCommand(runId), [runId, .. more]);

    private Task<EngineResult<T>> Answer<T>(string name, T success, params object?[] arguments)
    {
        Commands.Add((name, arguments));
        return Task.FromResult(NextError is { } error ? EngineResult.Fail<T>(error) : EngineResult.Ok(success));
    }
}
