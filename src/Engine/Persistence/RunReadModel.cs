using Microsoft.EntityFrameworkCore;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// Read-only, paged queries over the whole run history for grids and detail views: AsNoTracking projections on
/// their own connections (WAL lets them read while the engine writes), never whole tables.
/// </summary>
internal sealed class RunReadModel(IDbContextFactory<SchedulerDbContext> contexts)
{
    public async Task<Page<RunSnapshot>> ListAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.Runs.AsNoTracking();
        if (filter.States.Count > 0)
        {
            var states = filter.States.Select(s => (int)s).ToList();
            runs = runs.Where(r => states.Contains(r.State));
        }

        if (filter.Priority is { } priority)
        {
            runs = runs.Where(r => r.Priority == (int)priority);
        }

        if (filter.AgentId is { } agentId)
        {
            runs = runs.Where(r => r.AgentId == agentId);
        }

        if (filter.ScheduleId is { } scheduleId)
        {
            runs = runs.Where(r => r.ScheduleId == scheduleId);
        }

        if (!string.IsNullOrEmpty(filter.Worker))
        {
            runs = runs.Where(r => r.OwnerWorker == filter.Worker);
        }

        if (filter.CreatedFrom is { } from)
        {
            var ms = Time.ToMs(from);
            runs = runs.Where(r => r.CreatedAt >= ms);
        }

        if (filter.CreatedTo is { } to)
        {
            var ms = Time.ToMs(to);
            runs = runs.Where(r => r.CreatedAt < ms);
        }

        if (filter.Trigger is { } trigger)
        {
            runs = runs.Where(r => r.Trigger == (int)trigger);
        }

        var total = await runs.CountAsync(cancellationToken);
        var rows = runs.Join(db.Agents, r => r.AgentId, a => a.Id, (r, a) => new { Run = r, AgentName = a.Name });
        rows = (filter.Sort, filter.Descending) switch
        {
            (RunSort.Created, false) => rows.OrderBy(x => x.Run.CreatedAt).ThenBy(x => x.Run.Id),
            (RunSort.Created, true) => rows.OrderByDescending(x => x.Run.CreatedAt).ThenByDescending(x => x.Run.Id),
            (RunSort.Started, false) => rows.OrderBy(x => x.Run.StartedAt).ThenBy(x => x.Run.Id),
            (RunSort.Started, true) => rows.OrderByDescending(x => x.Run.StartedAt).ThenByDescending(x => x.Run.Id),
            (RunSort.Finished, false) => rows.OrderBy(x => x.Run.FinishedAt).ThenBy(x => x.Run.Id),
            (RunSort.Finished, true) => rows.OrderByDescending(x => x.Run.FinishedAt).ThenByDescending(x => x.Run.Id),
            (RunSort.Priority, false) => rows.OrderBy(x => x.Run.Priority).ThenBy(x => x.Run.Id),
            (RunSort.Priority, true) => rows.OrderByDescending(x => x.Run.Priority).ThenByDescending(x => x.Run.Id),
            (RunSort.State, false) => rows.OrderBy(x => x.Run.State).ThenBy(x => x.Run.Id),
            (RunSort.State, true) => rows.OrderByDescending(x => x.Run.State).ThenByDescending(x => x.Run.Id),
            (RunSort.Agent, false) => rows.OrderBy(x => x.AgentName).ThenBy(x => x.Run.Id),
            (RunSort.Agent, true) => rows.OrderByDescending(x => x.AgentName).ThenByDescending(x => x.Run.Id),
            (_, false) => rows.OrderBy(x => x.Run.Id),
            _ => rows.OrderByDescending(x => x.Run.Id),
        };
        var page = await rows.Skip(skip).Take(take).ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Run.Id).ToList();
        var dependencies = await db.RunDependencies.AsNoTracking().Where(d => ids.Contains(d.RunId)).ToListAsync(cancellationToken);
        var byRun = dependencies.GroupBy(d => d.RunId).ToDictionary(g => g.Key, g => (IReadOnlyList<long>)[.. g.Select(d => d.DependsOnRunId)]);
        return new Page<RunSnapshot>(
            [.. page.Select(p => EntityMapping.ToRecord(p.Run, p.AgentName, byRun.GetValueOrDefault(p.Run.Id, [])).ToSnapshot())],
            total);
    }

    public async Task<RunDetail?> GetAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.Agents, r => r.AgentId, a => a.Id, (r, a) => new { Run = r, AgentName = a.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var dependsOn = await db.RunDependencies.AsNoTracking().Where(d => d.RunId == runId).Select(d => d.DependsOnRunId).OrderBy(id => id).ToListAsync(cancellationToken);
        var dependents = await db.RunDependencies.AsNoTracking().Where(d => d.DependsOnRunId == runId).Select(d => d.RunId).OrderBy(id => id).ToListAsync(cancellationToken);
        var timeline = await db.RunTransitions.AsNoTracking().Where(t => t.RunId == runId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        RunRecord record = EntityMapping.ToRecord(row.Run, row.AgentName, dependsOn);
        return new RunDetail(record.ToSnapshot(), record.Spec, [.. timeline.Select(EntityMapping.ToTimeline)], dependents);
    }
}
