using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Model;

/// <summary>
/// Whether drain and undrain apply to a worker as it stands, with the reason shown on a disabled button. The
/// engine enforces the rules itself (an offline worker answers a conflict); this only lets buttons say why.
/// </summary>
public static class WorkerActions
{
    /// <summary>Drain applies to an online worker.</summary>
    public static ActionAvailability Drain(WorkerSnapshot worker) => worker.Status switch
    {
        WorkerStatus.Online => new(true, $"Drain: {worker.Id} finishes what it runs but takes no new runs"),
        WorkerStatus.Draining => new(false, $"{worker.Id} is already draining"),
        _ => new(false, $"{worker.Id} is offline; it takes no runs until it comes back"),
    };

    /// <summary>Undrain applies to a draining worker.</summary>
    public static ActionAvailability Undrain(WorkerSnapshot worker) => worker.Status switch
    {
        WorkerStatus.Draining => new(true, $"Undrain: {worker.Id} takes new runs again"),
        WorkerStatus.Online => new(false, $"{worker.Id} is not draining; it already takes new runs"),
        _ => new(false, $"{worker.Id} is offline; it can be undrained once it comes back"),
    };

    /// <summary>The state as the pages write it: "online", "draining" or "offline".</summary>
    public static string Status(WorkerStatus status) => status.ToString().ToLowerInvariant();
}
