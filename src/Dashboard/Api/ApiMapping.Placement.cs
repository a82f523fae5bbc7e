using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Api;

public static partial class ApiMapping
{
    /// <summary>Why a run waits, as the wire shows it.</summary>
    public static WaitReasonResponse ToResponse(this WaitReason reason) => new(
        reason.Kind,
        reason.Message,
        reason.WaitingFor,
        reason.Dimension,
        reason.Shortfall,
        reason.ClosestWorker,
        reason.Ahead,
        reason.Until,
        reason.Limit);

    /// <summary>A preemption preview as the wire shows it.</summary>
    public static PreemptionPreviewResponse ToResponse(this PreemptionPreview preview) =>
        new(preview.RunId, preview.Worker, [.. preview.Victims.Select(v => v.ToResponse())], preview.Automatic, preview.Message);

    /// <summary>A worker as the wire shows it, with its heartbeat age as of <paramref name="now"/>.</summary>
    public static WorkerResponse ToResponse(this WorkerSnapshot worker, DateTimeOffset now) => new(
        worker.Id,
        worker.Id,
        worker.Capacity.ToDto(),
        worker.Reserved.ToDto(),
        worker.Free.ToDto(),
        worker.Labels,
        worker.Status,
        worker.Embedded,
        worker.Interactive,
        worker.Agents,
        worker.OwnedRuns,
        worker.LastHeartbeat,
        Math.Max(0, Math.Round((now - worker.LastHeartbeat).TotalSeconds, 3)));
}
