using Scheduler.Dashboard.Api;
using Scheduler.Engine.Events;

namespace Scheduler.Dashboard.Hubs;

/// <summary>
/// One change of the engine's feed as the hub streams it, in the HTTP API's JSON shapes. Exactly one of the
/// payloads is set, by <see cref="Kind"/>; deletions carry only <see cref="Id"/>.
/// </summary>
/// <param name="Sequence">The change's position in the feed (resume after it).</param>
/// <param name="At">When it was committed.</param>
/// <param name="Kind">run, agent, agent_deleted, schedule, schedule_deleted or worker.</param>
/// <param name="Id">The id of the deleted agent or schedule.</param>
/// <param name="Run">The run after the change.</param>
/// <param name="Transition">The transition that changed the run's state, when it did.</param>
/// <param name="Agent">The agent after the change.</param>
/// <param name="Schedule">The schedule after the change (its next fire times are not included).</param>
/// <param name="Worker">The worker after the change.</param>
public sealed record ChangeMessage(
    long Sequence,
    DateTimeOffset At,
    ChangeKind Kind,
    long? Id,
    RunResponse? Run,
    TimelineEntryResponse? Transition,
    AgentResponse? Agent,
    ScheduleResponse? Schedule,
    WorkerResponse? Worker);

/// <summary>Something the server tells a connected client outside the change stream.</summary>
/// <param name="Kind"><c>resnapshot_required</c>: the stream could not continue without a gap; read the snapshot again and stream from its sequence.</param>
/// <param name="Message">The same, in words.</param>
/// <param name="Sequence">The feed's newest sequence when the notice was sent.</param>
public sealed record HubNotice(string Kind, string Message, long Sequence);

/// <summary>What the server calls on hub clients.</summary>
public interface ISchedulerHubClient
{
    /// <summary>A notice about the client's subscription.</summary>
    Task Notice(HubNotice notice);
}
