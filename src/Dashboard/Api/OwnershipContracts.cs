namespace Scheduler.Dashboard.Api;

/// <summary>The worker that claims a queued run.</summary>
public sealed record PickRunRequest
{
    /// <summary>The worker's id, as <c>GET /api/workers</c> lists it.</summary>
    public string? WorkerId { get; init; }
}

/// <summary>What placing a waiting run now would do, without doing it.</summary>
/// <param name="RunId">The run asked about.</param>
/// <param name="WorkerId">The worker it would go to; null when no worker could take it even by preempting.</param>
/// <param name="Victims">The running runs that would be preempted there (the cheapest set on one worker); empty when it fits already.</param>
/// <param name="Automatic">Whether the dispatcher preempts for it by itself (its priority may preempt).</param>
/// <param name="Message">The answer as a sentence.</param>
public sealed record PreemptionPreviewResponse(long RunId, string? WorkerId, IReadOnlyList<RunResponse> Victims, bool Automatic, string Message);
