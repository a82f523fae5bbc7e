namespace Scheduler.Engine.Runs;

/// <summary>
/// What placing a run now would do, without doing it: which worker, and which running runs would be stopped
/// (none when it fits already). <see cref="Worker"/> is null when no worker could take it even with preemption.
/// </summary>
/// <param name="RunId">The run asked about.</param>
/// <param name="Worker">Where it would go.</param>
/// <param name="Victims">The runs that would be preempted, cheapest set on that one worker.</param>
/// <param name="Automatic">Whether the dispatcher itself would preempt for it (its priority may preempt).</param>
/// <param name="Message">The answer as a sentence.</param>
public sealed record PreemptionPreview(long RunId, string? Worker, IReadOnlyList<RunSnapshot> Victims, bool Automatic, string Message);
