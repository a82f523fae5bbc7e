using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>An on-demand run of an agent (also the shape of each run of a batch, <see cref="BatchRunItem"/>).</summary>
public record CreateRunRequest
{
    /// <summary>The agent to run.</summary>
    public int? AgentId { get; init; }

    /// <summary>The lane; medium when omitted.</summary>
    public Priority? Priority { get; init; }

    /// <summary>What the run needs; the agent's defaults when omitted.</summary>
    public ResourcesDto? Resources { get; init; }

    /// <summary>Runs that must succeed first.</summary>
    public IReadOnlyList<long> DependsOn { get; init; } = [];

    /// <summary>Parameters handed to the agent (as <c>SCHEDULER_PARAM_*</c> environment variables).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Worker label requirements, <c>key=value</c> each.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>all_success (default: only after every dependency succeeded) or all_done (after they all finished, however they ended).</summary>
    public TriggerRule TriggerRule { get; init; } = TriggerRule.AllSuccess;

    /// <summary>What preempting the run does: requeue (default, back to the front of its lane) or cancel.</summary>
    public PreemptionMode PreemptionMode { get; init; } = PreemptionMode.Requeue;
}

/// <summary>Where to put a queued run: a lane, and a place next to a run of that lane (its back when neither is given).</summary>
public sealed record MoveRunRequest
{
    /// <summary>The lane to move to.</summary>
    public Priority? Priority { get; init; }

    /// <summary>Put the run just before this queued run of the same lane.</summary>
    public long? BeforeRunId { get; init; }

    /// <summary>Put the run just after this queued run of the same lane.</summary>
    public long? AfterRunId { get; init; }
}

/// <summary>Why a run is cancelled (optional).</summary>
public sealed record CancelRunRequest
{
    /// <summary>Recorded in the run's timeline.</summary>
    public string? Reason { get; init; }
}
