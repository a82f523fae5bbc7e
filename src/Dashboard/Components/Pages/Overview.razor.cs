using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// The Overview: a gauge per worker and resource, runs per state, throughput over the last hour and the run that
/// waits longest. Workers and unfinished runs follow the feed; the aggregates are read again after the feed
/// reports changes (at most once a second) and every few seconds so the chart keeps moving.
/// </summary>
public partial class Overview
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleRefresh = TimeSpan.FromSeconds(5);
    private const string StartedColour = "#4c6ef5";
    private const string FinishedColour = "#12b886";

    // Colours that read on the light and the dark palette alike; the legend is the page's own (see Overview.razor).
    private readonly BarChartOptions _chartOptions = new() { YAxisFormat = "0", MaxNumYAxisTicks = 6, ShowLegend = false, ChartPalette = [StartedColour, FinishedColour] };
    private FleetBoard _fleet = default!;
    private OverviewStats _stats = default!;
    private RenderThrottle? _refresh;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private bool IsEmpty => _fleet.Workers.Count == 0 && _stats.Total == 0;

    private string ChartDescription =>
        $"Bar chart of runs started and finished per minute over the last hour: {_stats.StartedLastHour} started, {_stats.FinishedLastHour} finished.";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _fleet = new FleetBoard(Client);
        _stats = new OverviewStats(Client);
        await TrackAsync(_fleet);
        await _stats.RefreshAsync(_fleet, Lifetime);
        BuildChart();
        var refresh = new RenderThrottle(() => InvokeAsync(RefreshAsync), RefreshInterval, Time);
        _refresh = refresh;
        Lifetime.Register(() => _ = refresh.DisposeAsync().AsTask());
        _ = RefreshWhileIdleAsync();
    }

    /// <inheritdoc />
    protected override Task OnLiveChangesAppliedAsync()
    {
        _refresh?.Signal();
        return Task.CompletedTask;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await _stats.RefreshAsync(_fleet, Lifetime);
            BuildChart();
            StateHasChanged();
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or EngineStoppedException)
        {
            // The page was closed, or the engine is stopping: nothing left to refresh.
        }
    }

    private async Task RefreshWhileIdleAsync()
    {
        using var timer = new PeriodicTimer(IdleRefresh, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime))
            {
                _refresh?.Signal();
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The page was closed (its refresh throttle may already be gone).
        }
    }

    private void BuildChart()
    {
        _labels = _stats.ChartLabels;
        _chartOptions.YAxisTicks = _stats.ChartStep;
        _series =
        [
            new() { Name = "Started", Data = new ChartData<double>([.. _stats.Throughput.Select(b => (double)b.Started)]) },
            new() { Name = "Finished", Data = new ChartData<double>([.. _stats.Throughput.Select(b => (double)b.Finished)]) },
        ];
    }

    private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
