using Scheduler.Engine.Agents;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>What a run executes, fixed when it was created (editing the agent later does not change it).</summary>
/// <param name="ExecutionEnvironment">subprocess or builtin.</param>
/// <param name="Command">The program, or a builtin agent's name.</param>
/// <param name="Args">Arguments, as a list.</param>
/// <param name="WorkingDirectory">Where it starts.</param>
/// <param name="Environment">Extra environment variables.</param>
/// <param name="TimeoutSeconds">Stopped and recorded timed_out after this long.</param>
/// <param name="Retry">How failures are retried.</param>
/// <param name="MaxConcurrency">At most this many runs of the agent execute at once.</param>
/// <param name="Parameters">Parameters handed to the agent.</param>
/// <param name="Constraints">Worker label requirements.</param>
/// <param name="TriggerRule">all_success (only after every dependency succeeded) or all_done (after they all finished, however they ended).</param>
/// <param name="PreemptionMode">requeue (back to the front of its lane) or cancel: what preempting it does.</param>
public sealed record RunSpecResponse(
    ExecutionEnvironment ExecutionEnvironment,
    string Command,
    IReadOnlyList<string> Args,
    string? WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    int TimeoutSeconds,
    RetryDto Retry,
    int? MaxConcurrency,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Constraints,
    TriggerRule TriggerRule,
    PreemptionMode PreemptionMode);

/// <summary>One persisted transition of a run, with who and why.</summary>
/// <param name="At">When it was committed.</param>
/// <param name="From">The state before (null when the run was created).</param>
/// <param name="To">The state after.</param>
/// <param name="Kind">The verb: created, dependencies_met, assigned, started, succeeded, failed, timed_out, cancelled, upstream_failed, retry_scheduled, preempted, released, lost, reprioritised or picked.</param>
/// <param name="Attempt">The attempt it belongs to.</param>
/// <param name="Worker">The worker involved, if any.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record TimelineEntryResponse(
    DateTimeOffset At,
    RunState? From,
    RunState To,
    TransitionKind Kind,
    int Attempt,
    string? Worker,
    ActorDto Actor,
    string? Reason);

/// <summary>A run with its specification, timeline, the runs that wait for it, and why it waits.</summary>
/// <param name="Run">The run as it stands.</param>
/// <param name="Spec">What it executes.</param>
/// <param name="Timeline">Every transition, oldest first.</param>
/// <param name="Dependents">Runs that depend on it.</param>
/// <param name="WaitReason">Why it has not started, while it is pending or queued; null otherwise.</param>
public sealed record RunDetailResponse(
    RunResponse Run,
    RunSpecResponse Spec,
    IReadOnlyList<TimelineEntryResponse> Timeline,
    IReadOnlyList<long> Dependents,
    WaitReasonResponse? WaitReason);

/// <summary>One numbered line of a run's log.</summary>
/// <param name="Number">The line's number; numbers continue across attempts.</param>
/// <param name="At">When it was written.</param>
/// <param name="Stream">stdout, stderr, or system (written by the engine about the run).</param>
/// <param name="Text">The line.</param>
public sealed record LogLineResponse(long Number, DateTimeOffset At, LogSource Stream, string Text);

/// <summary>A slice of a run's log.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Items">The lines, oldest first.</param>
/// <param name="NextAfter">Ask again with <c>after=</c> this number for the lines that follow.</param>
public sealed record LogPageResponse(long RunId, IReadOnlyList<LogLineResponse> Items, long NextAfter);
