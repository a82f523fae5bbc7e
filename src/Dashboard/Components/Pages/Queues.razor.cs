using Microsoft.AspNetCore.Components;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// The queue board: live lanes, drag and drop (or the card menu) to reorder, and the running runs with their
/// owners. Every move goes through the engine; the board redraws from what the engine announces.
/// </summary>
public partial class Queues
{
    /// <summary>How many runs of each lane get their wait reason shown (the rest show how many are ahead).</summary>
    private const int ReasonsPerLane = 25;

    private QueueBoard _board = default!;
    private IReadOnlyDictionary<long, WaitReason> _reasons = new Dictionary<long, WaitReason>();
    private RunSnapshot? _dragged;

    [Inject]
    private OperatorActions Actions { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _board = new QueueBoard(Client);
        await TrackAsync(_board);
        await RefreshReasonsAsync();
        _ = RefreshReasonsPeriodicallyAsync();
    }

    private async Task RefreshReasonsPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshReasonsAsync();
                    StateHasChanged();
                });
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or Engine.Scheduling.EngineStoppedException)
        {
            // The page was closed, or the engine is stopping: nothing left to refresh.
        }
    }

    private async Task RefreshReasonsAsync()
    {
        var ids = Priorities.HighestFirst.SelectMany(p => _board.Lane(p).Take(ReasonsPerLane)).Concat(_board.Pending).Select(r => r.Id).ToList();
        _reasons = ids.Count == 0 ? new Dictionary<long, WaitReason>() : await Client.GetWaitReasonsAsync(ids, Lifetime);
    }

    private async Task DropBeforeAsync(RunSnapshot target)
    {
        if (TakeDragged() is { } run && run.Id != target.Id)
        {
            await Actions.MoveAsync(run, target.Priority, target.Id, null, $"before run {target.Id} in the {Describe.Priority(target.Priority)} lane");
        }
    }

    private async Task DropAtTopAsync(Priority lane)
    {
        if (TakeDragged() is not { } run)
        {
            return;
        }

        var first = _board.Lane(lane).FirstOrDefault();
        if (first?.Id != run.Id)
        {
            await Actions.MoveAsync(run, lane, first?.Id, null, $"to the top of the {Describe.Priority(lane)} lane");
        }
    }

    private async Task DropAtEndAsync(Priority lane)
    {
        if (TakeDragged() is { } run)
        {
            await Actions.MoveAsync(run, lane, null, null, $"to the end of the {Describe.Priority(lane)} lane");
        }
    }

    private RunSnapshot? TakeDragged()
    {
        var run = _dragged;
        _dragged = null;
        return run;
    }
}
