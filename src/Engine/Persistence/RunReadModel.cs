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

    /// <summary>
    /// Runs connected to <paramref name="root"/> within <paramref name="depth"/> hops, or, without a root, every
    /// unfinished run plus the runs it depends on or that depend on it; at most <paramref name="maxRuns"/> runs.
    /// </summary>
    public async Task<RunGraph> GetGraphAsync(long? root, int depth, int maxRuns, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = new HashSet<long>();
        var frontier = new List<long>();
        if (root is { } start)
        {
            if (await db.Runs.AnyAsync(r => r.Id == start, cancellationToken))
            {
                ids.Add(start);
                frontier.Add(start);
            }
        }
        else
        {
            var active = await db.Runs.AsNoTracking().Where(r => r.State < (int)RunState.Succeeded).OrderByDescending(r => r.Id)
                .Select(r => r.Id).Take(maxRuns).ToListAsync(cancellationToken);
            ids.UnionWith(active);
            frontier.AddRange(active);
            depth = Math.Min(depth, 1);
        }

        for (var hop = 0; hop < depth && frontier.Count > 0 && ids.Count < maxRuns; hop++)
        {
            var batch = frontier.Take(5000).ToList();
            var neighbours = await db.RunDependencies.AsNoTracking()
                .Where(d => batch.Contains(d.RunId) || batch.Contains(d.DependsOnRunId))
                .Select(d => new[] { d.RunId, d.DependsOnRunId })
                .ToListAsync(cancellationToken);
            frontier = [.. neighbours.SelectMany(n => n).Where(ids.Add).Take(Math.Max(0, maxRuns - ids.Count + 1))];
        }

        var truncated = ids.Count > maxRuns;
        var chosen = ids.Take(maxRuns).ToList();
        var runs = await db.Runs.AsNoTracking().Where(r => chosen.Contains(r.Id))
            .Join(db.Agents, r => r.AgentId, a => a.Id, (r, a) => new { r.Id, a.Name, r.State, r.Priority, r.InheritedFrom, r.ScheduleId, r.CreatedAt })
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var edges = await db.RunDependencies.AsNoTracking()
            .Where(d => chosen.Contains(d.RunId) && chosen.Contains(d.DependsOnRunId))
            .OrderBy(d => d.RunId).ThenBy(d => d.DependsOnRunId)
            .ToListAsync(cancellationToken);
        var schedules = await db.Schedules.AsNoTracking().Where(s => s.DeletedAt == null).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var scheduleInfos = schedules.Select(EntityMapping.ToInfo).ToList();
        return new RunGraph(
            [.. runs.Select(r => new GraphRun(r.Id, r.Name, (RunState)r.State, (Priority)r.Priority, r.InheritedFrom, r.ScheduleId, Time.FromMs(r.CreatedAt)))],
            [.. edges.Select(e => new GraphEdge(e.RunId, e.DependsOnRunId))],
            [.. scheduleInfos.Select(s => new GraphSchedule(s.Id, s.Definition.Name ?? $"schedule {s.Id}", s.Definition.Type, s.Paused))],
            [.. scheduleInfos.SelectMany(s => s.Definition.Dependencies.Select(d => new GraphScheduleEdge(s.Id, d, Cascade: false))
                .Concat(s.Definition.Trigger.UpstreamScheduleId is { } upstream ? [new GraphScheduleEdge(s.Id, upstream, Cascade: true)] : []))],
            truncated);
    }

    /// <summary>How many runs are in each state, over the whole history.</summary>
    public async Task<IReadOnlyDictionary<RunState, int>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Runs.AsNoTracking().GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return RunStates.All.ToDictionary(s => s, s => counts.FirstOrDefault(c => c.State == (int)s)?.Count ?? 0);
    }

    /// <summary>Each agent's run count and newest run.</summary>
    public async Task<IReadOnlyDictionary<int, AgentRunSummary>> RunsPerAgentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.Runs.AsNoTracking().GroupBy(r => r.AgentId)
            .Select(g => new { AgentId = g.Key, Total = g.Count(), Latest = g.Max(r => r.Id) })
            .ToListAsync(cancellationToken);
        var latestIds = groups.Select(g => g.Latest).ToList();
        var states = await db.Runs.AsNoTracking().Where(r => latestIds.Contains(r.Id)).Select(r => new { r.Id, r.State }).ToDictionaryAsync(r => r.Id, r => (RunState)r.State, cancellationToken);
        return groups.ToDictionary(g => g.AgentId, g => new AgentRunSummary(g.Total, g.Latest, states[g.Latest]));
    }

    /// <summary>Starts and finishes per bucket since <paramref name="since"/>, from the transitions table.</summary>
    public async Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(DateTimeOffset since, TimeSpan bucket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var from = Time.ToMs(since);
        var width = (long)bucket.TotalMilliseconds;
        var rows = await db.RunTransitions.AsNoTracking()
            .Where(t => t.At >= from && (t.Kind == (int)TransitionKind.Started || t.ToState >= (int)RunState.Succeeded))
            .GroupBy(t => new { Bucket = (t.At - from) / width, Started = t.Kind == (int)TransitionKind.Started, Bad = t.ToState > (int)RunState.Succeeded })
            .Select(g => new { g.Key.Bucket, g.Key.Started, g.Key.Bad, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var buckets = (int)Math.Ceiling((now - since) / bucket);
        return [.. Enumerable.Range(0, Math.Max(buckets, 1)).Select(i => new ThroughputBucket(
            since + (bucket * i),
            rows.Where(r => r.Bucket == i && r.Started).Sum(r => r.Count),
            rows.Where(r => r.Bucket == i && !r.Started).Sum(r => r.Count),
            rows.Where(r => r.Bucket == i && !r.Started && r.Bad).Sum(r => r.Count)))];
    }
}
