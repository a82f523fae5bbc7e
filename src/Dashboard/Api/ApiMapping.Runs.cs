using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Api;

public static partial class ApiMapping
{
    /// <summary>
    /// The engine request a caller's run describes, or why it cannot become one. Error fields start with
    /// <paramref name="prefix"/> (<c>runs[2].</c> inside a batch).
    /// </summary>
    public static EngineResult<RunRequest> ToRunRequest(this CreateRunRequest request, Actor actor, string prefix = "")
    {
        var errors = new List<EngineError>();
        if (request.AgentId is null)
        {
            errors.Add(Required($"{prefix}agentId"));
        }

        var resources = request.Resources is { } amounts ? ToVector(amounts, $"{prefix}resources", errors) : null;
        if (errors.Count > 0)
        {
            return EngineResult.Fail<RunRequest>(errors);
        }

        return new RunRequest
        {
            AgentId = request.AgentId!.Value,
            Priority = request.Priority,
            Resources = resources,
            DependsOn = request.DependsOn,
            Parameters = request.Parameters,
            Constraints = request.Constraints,
            TriggerRule = request.TriggerRule,
            PreemptionMode = request.PreemptionMode,
            Actor = actor,
        };
    }

    /// <summary>The engine move a caller describes, or why it cannot become one.</summary>
    public static EngineResult<MoveRequest> ToMoveRequest(this MoveRunRequest request, Actor actor) =>
        request.Priority is { } priority
            ? new MoveRequest { Priority = priority, BeforeRunId = request.BeforeRunId, AfterRunId = request.AfterRunId, Actor = actor }
            : EngineResult.Fail<MoveRequest>(Required("priority"));

    /// <summary>A run as the wire shows it.</summary>
    public static RunResponse ToResponse(this RunSnapshot run) => new(
        run.Id,
        run.AgentId,
        run.AgentName,
        run.ScheduleId,
        run.State,
        run.Priority,
        run.RequestedPriority,
        run.BasePriority,
        run.InheritedFrom,
        run.Depth,
        run.QueuePosition,
        run.Attempt,
        run.Resources.ToDto(),
        run.OwnerWorker,
        run.OwnerEpoch,
        run.Stopping,
        run.Trigger,
        Actor.Parse(run.CreatedBy).ToDto(),
        run.CreatedAt,
        run.QueuedAt,
        run.NotBefore,
        run.StartedAt,
        run.FinishedAt,
        run.ProcessId,
        run.ExitCode,
        run.Error,
        run.DependsOn,
        run.Version);

    /// <summary>A run with its specification, timeline, dependents and wait reason as the wire shows it.</summary>
    public static RunDetailResponse ToResponse(this RunDetail detail)
    {
        var spec = detail.Spec;
        return new RunDetailResponse(
            detail.Run.ToResponse(),
            new RunSpecResponse(
                spec.ExecutionEnvironment,
                spec.Command,
                spec.Args,
                spec.WorkingDirectory,
                spec.Environment,
                spec.TimeoutSeconds,
                new RetryDto(spec.Retry.Attempts, spec.Retry.BackoffSeconds),
                spec.MaxConcurrency,
                spec.Parameters,
                spec.Constraints,
                spec.TriggerRule,
                spec.PreemptionMode),
            [.. detail.Timeline.Select(t => new TimelineEntryResponse(t.At, t.From, t.To, t.Kind, t.Attempt, t.Worker, t.Actor.ToDto(), t.Reason))],
            detail.Dependents,
            detail.WaitReason?.ToResponse());
    }

    /// <summary>A log line as the wire shows it.</summary>
    public static LogLineResponse ToResponse(this LogLine line) => new(line.Number, line.At, line.Stream, line.Text);

    /// <summary>The queue as the wire shows it.</summary>
    public static QueueResponse ToResponse(this QueueSnapshot queue) => new(
        queue.Sequence,
        [.. queue.Lanes.Select(lane => new LaneResponse(lane.Priority, [.. lane.Runs.Select(ToResponse)], lane.Total))],
        [.. queue.Active.Select(ToResponse)],
        [.. queue.Pending.Select(ToResponse)]);
}
