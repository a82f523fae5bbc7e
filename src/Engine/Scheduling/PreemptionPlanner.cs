using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Scheduling;

/// <summary>A running run as the planner sees it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Priority">Its current priority.</param>
/// <param name="Resources">What it holds on its worker.</param>
/// <param name="StartedAt">When its current attempt started (elapsed time is the work a preemption loses).</param>
/// <param name="Stoppable">False when the run is already being stopped (in its pre-shutdown hook): it is never chosen twice.</param>
internal sealed record PreemptionCandidate(long RunId, Priority Priority, ResourceVector Resources, DateTimeOffset StartedAt, bool Stoppable);

/// <summary>A worker as the planner sees it.</summary>
internal sealed record PreemptionWorker(
    string Id,
    ResourceVector Capacity,
    ResourceVector Free,
    IReadOnlyDictionary<string, string> Labels,
    bool AcceptsWork,
    IReadOnlyList<PreemptionCandidate> Running);

/// <summary>Where a run would go and what would have to stop for it (no victims when it fits already).</summary>
internal sealed record PreemptionPlan(string WorkerId, IReadOnlyList<PreemptionCandidate> Victims)
{
    public bool NeedsPreemption => Victims.Count > 0;
}

/// <summary>
/// Finds, on ONE worker, the cheapest set of strictly-lower-priority running runs whose release makes a run fit.
/// Cheapest means, in this order: the highest victim priority is as low as possible, then the least work is
/// lost (sum of elapsed run time), then the fewest victims. Victims are chosen greedily lowest priority first
/// and shortest-running first, then any victim the run does not actually need is spared. When no such set
/// exists on any worker the answer is null and nothing is stopped; equal priorities are never preempted.
/// </summary>
internal static class PreemptionPlanner
{
    public static PreemptionPlan? Plan(Priority priority, ResourceVector need, IReadOnlyList<string> constraints, IEnumerable<PreemptionWorker> workers, DateTimeOffset now)
    {
        PreemptionPlan? best = null;
        (Priority Highest, TimeSpan Lost, int Count) bestCost = default;
        foreach (var worker in workers)
        {
            if (!worker.AcceptsWork || !need.FitsWithin(worker.Capacity) || !WorkerConstraints.Satisfied(worker.Labels, constraints))
            {
                continue;
            }

            var victims = VictimsOn(worker, priority, need, now);
            if (victims is null)
            {
                continue;
            }

            var cost = Cost(victims, now);
            if (best is null || Compare(cost, bestCost) < 0)
            {
                best = new PreemptionPlan(worker.Id, victims);
                bestCost = cost;
            }
        }

        return best;
    }

    private static List<PreemptionCandidate>? VictimsOn(PreemptionWorker worker, Priority priority, ResourceVector need, DateTimeOffset now)
    {
        if (need.FitsWithin(worker.Free))
        {
            return [];
        }

        // Most workers cannot make room at all: check that before sorting anything.
        var atMost = worker.Free;
        foreach (var candidate in worker.Running)
        {
            if (candidate.Stoppable && candidate.Priority < priority)
            {
                atMost += candidate.Resources;
            }
        }

        if (!need.FitsWithin(atMost))
        {
            return null;
        }

        var chosen = new List<PreemptionCandidate>();
        var free = worker.Free;
        foreach (var candidate in worker.Running
                     .Where(r => r.Stoppable && r.Priority < priority)
                     .OrderBy(r => r.Priority)
                     .ThenBy(r => now - r.StartedAt)
                     .ThenBy(r => r.RunId))
        {
            chosen.Add(candidate);
            free += candidate.Resources;
            if (need.FitsWithin(free))
            {
                break;
            }
        }

        if (!need.FitsWithin(free))
        {
            return null;
        }

        // Spare every victim the run can do without, most expensive first.
        for (var i = chosen.Count - 1; i >= 0; i--)
        {
            var without = free - chosen[i].Resources;
            if (need.FitsWithin(without))
            {
                free = without;
                chosen.RemoveAt(i);
            }
        }

        return chosen;
    }

    private static (Priority Highest, TimeSpan Lost, int Count) Cost(List<PreemptionCandidate> victims, DateTimeOffset now) =>
        victims.Count == 0
            ? (Priority.Background, TimeSpan.Zero, 0)
            : (victims.Max(v => v.Priority), TimeSpan.FromTicks(victims.Sum(v => (now - v.StartedAt).Ticks)), victims.Count);

    private static int Compare((Priority Highest, TimeSpan Lost, int Count) a, (Priority Highest, TimeSpan Lost, int Count) b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return a.Count.CompareTo(b.Count);
        }

        var byPriority = a.Highest.CompareTo(b.Highest);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byLost = a.Lost.CompareTo(b.Lost);
        return byLost != 0 ? byLost : a.Count.CompareTo(b.Count);
    }
}
