using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Scheduler.Dashboard.Api;
using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Hubs;

/// <summary>
/// The engine's live state for clients outside the dashboard (a wallboard, a script), at <c>/hubs/scheduler</c>:
/// read a snapshot (it carries its feed sequence), then stream every change after that sequence. A stream that
/// cannot continue without a gap ends after a <c>resnapshot_required</c> notice; the client reads the snapshot
/// again and streams from its sequence, so it never misses or repeats a change.
/// </summary>
public sealed class SchedulerHub(IRunService runs, IWorkerService workers, IChangeFeed feed, TimeProvider time) : Hub<ISchedulerHubClient>
{
    /// <summary>The five lanes, the active and the pending runs, and the sequence they are current as of.</summary>
    public async Task<QueueResponse> GetQueue() => (await runs.GetQueueAsync(int.MaxValue)).ToResponse();

    /// <summary>The workers.</summary>
    public async Task<IReadOnlyList<WorkerResponse>> GetWorkers() => [.. (await workers.ListAsync()).Workers.Select(w => w.ToResponse(time.GetUtcNow()))];

    /// <summary>Every change after <paramref name="afterSequence"/>, in order, until the client stops streaming.</summary>
    public async IAsyncEnumerable<ChangeMessage> StreamChanges(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe(afterSequence);
        await foreach (var change in subscription.Changes.ReadAllAsync(cancellationToken))
        {
            yield return ToMessage(change);
        }

        if (subscription.ResnapshotRequired)
        {
            await Clients.Caller.Notice(new HubNotice(
                "resnapshot_required",
                $"Changes after {afterSequence} are no longer all available; read the snapshot again and stream from its sequence.",
                feed.LastSequence));
        }
    }

    private ChangeMessage ToMessage(SchedulerChange change) => new(
        change.Sequence,
        change.At,
        change.Kind,
        change.Id,
        change.Run?.ToResponse(),
        change.Transition is { } t ? new TimelineEntryResponse(t.At, t.From, t.To, t.Kind, t.Attempt, t.Worker, t.Actor.ToDto(), t.Reason) : null,
        change.Agent?.ToResponse(),
        change.Schedule is { } schedule ? new ScheduleView(schedule, []).ToResponse() : null,
        change.Worker?.ToResponse(time.GetUtcNow()));
}
