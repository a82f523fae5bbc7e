using Scheduler.Engine.Events;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model;

/// <summary>A run's detail as loaded: the run (null when there is no such run) and its dependencies as they stood.</summary>
/// <param name="Detail">The run with its spec, timeline and dependents, or null.</param>
/// <param name="Related">The runs it depends on and the runs that depend on it, by id.</param>
public sealed record RunDetailSnapshot(RunDetail? Detail, IReadOnlyDictionary<long, RunSnapshot> Related);

/// <summary>
/// One run's detail kept current from the feed: its state, its timeline (each transition the feed announces is
/// appended once) and the states of the runs it depends on and that depend on it. Changes older than what is
/// shown (by the run's version) are ignored, so a snapshot and a feed that overlap never go backwards.
/// </summary>
public sealed class RunDetailModel(IDashboardClient client, long runId) : LiveModel<RunDetailSnapshot>(client)
{
    /// <summary>At most this many upstream and this many downstream runs are shown with their states.</summary>
    public const int MaxRelated = 50;

    private readonly Dictionary<long, RunSnapshot> _related = [];
    private readonly List<RunTimelineEntry> _timeline = [];

    /// <summary>The run's id.</summary>
    public long RunId { get; } = runId;

    /// <summary>The run as it stands, or null when there is no such run.</summary>
    public RunSnapshot? Run { get; private set; }

    /// <summary>What it executes.</summary>
    public RunSpec? Spec { get; private set; }

    /// <summary>Its transitions, oldest first.</summary>
    public IReadOnlyList<RunTimelineEntry> Timeline => _timeline;

    /// <summary>The runs that depend on it.</summary>
    public IReadOnlyList<long> Dependents { get; private set; } = [];

    /// <summary>Why it waits, when it is pending or queued (refreshed by <see cref="SetWaitReason"/>).</summary>
    public WaitReason? WaitReason { get; private set; }

    /// <summary>Whether the run itself changed (not only a related run) since <see cref="TakeRunChanged"/>.</summary>
    public bool RunChanged { get; private set; }

    /// <summary>A dependency or dependent as last seen, or null when it is not loaded.</summary>
    public RunSnapshot? Related(long id) => _related.GetValueOrDefault(id);

    /// <summary>Replaces the wait reason (it changes with the queue, not only with the run).</summary>
    public void SetWaitReason(WaitReason? reason) => WaitReason = Run?.State is RunState.Pending or RunState.Queued ? reason : null;

    /// <summary>Reads and clears <see cref="RunChanged"/>.</summary>
    public bool TakeRunChanged()
    {
        var changed = RunChanged;
        RunChanged = false;
        return changed;
    }

    /// <inheritdoc />
    protected override async Task<(RunDetailSnapshot Snapshot, long Sequence)> LoadAsync(CancellationToken cancellationToken)
    {
        // The sequence is read first: a change between the two reads is then delivered again, and skipped by version.
        var (sequence, _) = await Client.GetWorkersAsync(cancellationToken);
        var detail = await Client.GetRunAsync(RunId, cancellationToken);
        var related = new Dictionary<long, RunSnapshot>();
        if (detail is not null)
        {
            foreach (var id in detail.Run.DependsOn.Take(MaxRelated).Concat(detail.Dependents.Take(MaxRelated)))
            {
                if (!related.ContainsKey(id) && await Client.GetRunAsync(id, cancellationToken) is { } other)
                {
                    related[id] = other.Run;
                }
            }
        }

        return (new RunDetailSnapshot(detail, related), sequence);
    }

    /// <inheritdoc />
    protected override void ApplySnapshot(RunDetailSnapshot snapshot)
    {
        Run = snapshot.Detail?.Run;
        Spec = snapshot.Detail?.Spec;
        Dependents = snapshot.Detail?.Dependents ?? [];
        WaitReason = snapshot.Detail?.WaitReason;
        _timeline.Clear();
        _timeline.AddRange(snapshot.Detail?.Timeline ?? []);
        _related.Clear();
        foreach (var (id, run) in snapshot.Related)
        {
            _related[id] = run;
        }

        RunChanged = true;
    }

    /// <inheritdoc />
    protected override void ApplyChange(SchedulerChange change)
    {
        if (change.Kind != ChangeKind.Run || change.Run is not { } run)
        {
            return;
        }

        if (run.Id == RunId)
        {
            if (Run is null || run.Version <= Run.Version)
            {
                return;
            }

            Run = run;
            RunChanged = true;
            if (change.Transition is { } transition)
            {
                _timeline.Add(transition);
            }

            if (run.State is not (RunState.Pending or RunState.Queued))
            {
                WaitReason = null;
            }
        }
        else if (_related.TryGetValue(run.Id, out var known) && run.Version > known.Version)
        {
            _related[run.Id] = run;
        }
        else if (Run is not null && run.DependsOn.Contains(RunId) && !Dependents.Contains(run.Id) && Dependents.Count < MaxRelated)
        {
            Dependents = [.. Dependents, run.Id];
            _related[run.Id] = run;
        }
    }
}
