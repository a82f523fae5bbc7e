using Microsoft.AspNetCore.Components;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// The Workers page: a card per worker with its state, labels, capacity gauges, owned runs and heartbeat age,
/// and drain / undrain. Workers and runs follow the feed; heartbeats are not on the feed, so they are read
/// again every few seconds while the ages tick every second.
/// </summary>
public partial class Workers
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int TicksPerHeartbeatRead = 3;

    private FleetBoard _fleet = default!;

    [Inject]
    private OperatorActions Actions { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _fleet = new FleetBoard(Client);
        await TrackAsync(_fleet);
        _ = TickAsync();
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(Tick, Time);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime))
            {
                var fresh = ++ticks % TicksPerHeartbeatRead == 0 ? (await Client.GetWorkersAsync(Lifetime)).Workers : null;
                await InvokeAsync(() =>
                {
                    if (fresh is not null)
                    {
                        _fleet.UpdateHeartbeats(fresh);
                    }

                    StateHasChanged();
                });
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or EngineStoppedException)
        {
            // The page was closed, or the engine is stopping: nothing left to tick.
        }
    }
}
