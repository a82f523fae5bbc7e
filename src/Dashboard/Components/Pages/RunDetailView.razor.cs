using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// One run: its state and ownership, the operator actions, why it waits, its timeline, dependencies,
/// reservation, what placing it now would preempt, and its log tailing live. Everything follows the feed; the
/// wait reason and the preemption preview (which change with the rest of the queue) are refreshed every two
/// seconds while the run waits.
/// </summary>
public partial class RunDetailView
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private RunDetailModel? _model;
    private LogTail _log = default!;
    private EngineResult<PreemptionPreview>? _preview;
    private ElementReference _logElement;
    private bool _logFollowed;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The run shown.</summary>
    [Parameter, EditorRequired]
    public long RunId { get; set; }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _model = new RunDetailModel(Client, RunId);
        _log = new LogTail(Client, RunId);
        await TrackAsync(_model);
        if (_model.Run is null)
        {
            return;
        }

        _model.TakeRunChanged();
        await RefreshWaitingAsync();
        _ = _log.FollowAsync(() => InvokeAsync(ShowNewLines), Lifetime);
        _ = RefreshPeriodicallyAsync();
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_logFollowed && _model?.Run is not null && _logElement.Context is not null)
        {
            _logFollowed = true;
            await JS.InvokeVoidAsync("schedulerDashboard.followLog", _logElement);
        }
    }

    /// <inheritdoc />
    protected override async Task OnLiveChangesAppliedAsync()
    {
        if (_model!.TakeRunChanged())
        {
            await RefreshWaitingAsync();
        }
    }

    private void ShowNewLines()
    {
        if (_log.ApplyPending() || _log.Failure is not null)
        {
            StateHasChanged();
        }
    }

    private async Task RefreshPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime))
            {
                if (_model!.Run?.State is RunState.Pending or RunState.Queued)
                {
                    await InvokeAsync(async () =>
                    {
                        await RefreshWaitingAsync();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or Engine.Scheduling.EngineStoppedException)
        {
            // The page was closed, or the engine is stopping: nothing left to refresh.
        }
    }

    private async Task RefreshWaitingAsync()
    {
        var run = _model!.Run;
        if (run?.State is not (RunState.Pending or RunState.Queued))
        {
            _preview = null;
            return;
        }

        var reasons = await Client.GetWaitReasonsAsync([run.Id], Lifetime);
        _model.SetWaitReason(reasons.GetValueOrDefault(run.Id));
        _preview = run.State == RunState.Queued ? await Client.PreviewPreemptionAsync(run.Id) : null;
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    private string Duration(RunSnapshot run) => run.StartedAt is not { } started ? "—"
        : run.FinishedAt is { } finished ? Describe.Duration(finished - started)
        : run.State == RunState.Running ? $"{Describe.Duration(Clock.GetUtcNow() - started)} so far"
        : "—";

    private static string LineClass(LogSource stream) => stream switch
    {
        LogSource.Stderr => "run-log-line run-log-stderr",
        LogSource.System => "run-log-line run-log-system",
        _ => "run-log-line",
    };

    private static string Verb(TransitionKind kind) => kind switch
    {
        TransitionKind.DependenciesMet => "Dependencies met",
        TransitionKind.TimedOut => "Timed out",
        TransitionKind.UpstreamFailed => "Upstream failed",
        TransitionKind.RetryScheduled => "Retry scheduled",
        _ => kind.ToString(),
    };
}
