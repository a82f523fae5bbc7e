namespace Scheduler.Engine.Workers;

/// <summary>Whether a worker could take a given run now, and why not.</summary>
/// <param name="WorkerId">The worker.</param>
/// <param name="CanTake">True when a pick onto it would succeed now.</param>
/// <param name="Reason">Why it can or cannot take the run, as a sentence.</param>
/// <param name="Worker">The worker as it stands.</param>
public sealed record PlacementOption(string WorkerId, bool CanTake, string Reason, WorkerSnapshot Worker);
