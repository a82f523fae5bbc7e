using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Components.Dialogs;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// The schedules: a live list with each one's next five fire times, a form to create or change one (the cron
/// expression checked and previewed as it is typed), pause / resume / trigger now, and delete with confirmation.
/// </summary>
public partial class Schedules
{
    private ScheduleCatalog _schedules = default!;
    private CatalogFeedback _feedback = default!;
    private Dictionary<string, TimeZoneInfo> _zones = [];

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private bool NoAgents => _schedules.Loaded && _schedules.Agents.Count == 0;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _feedback = new CatalogFeedback(Dialogs, Snackbar);
        _zones = Client.GetTimeZones().ToDictionary(z => z.Id, StringComparer.Ordinal);
        _schedules = new ScheduleCatalog(Client);
        await TrackAsync(_schedules);
        _ = RefreshFireTimesPeriodicallyAsync();
    }

    /// <inheritdoc />
    protected override async Task OnLiveChangesAppliedAsync()
    {
        if (_schedules.NeedsRefresh(Time.GetUtcNow()))
        {
            await _schedules.RefreshAsync(Lifetime);
        }
    }

    private async Task RefreshFireTimesPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime))
            {
                await InvokeAsync(async () =>
                {
                    if (_schedules.NeedsRefresh(Time.GetUtcNow()))
                    {
                        await _schedules.RefreshAsync(Lifetime);
                        StateHasChanged();
                    }
                });
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or EngineStoppedException)
        {
            // The page was closed, or the engine is stopping: nothing left to refresh.
        }
    }

    private string AgentName(int id) => _schedules.FindAgent(id)?.Name ?? $"agent {id} (deleted)";

    private string ScheduleName(int id) => _schedules.Find(id) is { } view && !string.IsNullOrEmpty(view.Schedule.Definition.Name)
        ? $"#{id} {view.Schedule.Definition.Name}"
        : $"schedule #{id}";

    private TimeZoneInfo ZoneOf(ScheduleDefinition definition) =>
        _zones.GetValueOrDefault(definition.Trigger.TimeZone ?? "UTC") ?? TimeZoneInfo.Utc;

    private static string NoFireTimes(ScheduleView view) => view.Schedule.Definition.Type != ScheduleType.Recurring
        ? "not time-based"
        : view.Schedule.Paused ? "paused" : "never fires again";

    private string Extras(ScheduleDefinition definition)
    {
        var parts = new List<string>();
        if (definition.Dependencies.Count > 0)
        {
            parts.Add($"waits for {string.Join(", ", definition.Dependencies.Select(ScheduleName))}");
        }

        if (definition.Constraints.Count > 0)
        {
            parts.Add($"on workers with {string.Join(", ", definition.Constraints)}");
        }

        return string.Join(" · ", parts);
    }

    private Task CreateAsync() => OpenFormAsync(null);

    private Task EditAsync(ScheduleView schedule) => OpenFormAsync(schedule);

    private async Task OpenFormAsync(ScheduleView? schedule)
    {
        var parameters = new DialogParameters<ScheduleDialog>
        {
            { d => d.Schedule, schedule },
            { d => d.Agents, _schedules.Agents },
            { d => d.Schedules, _schedules.Items },
        };
        var title = schedule is null ? "New schedule" : $"Edit schedule {schedule.Schedule.Id}";
        var dialog = await Dialogs.ShowAsync<ScheduleDialog>(title, parameters, FormDialog.Options);
        if (await dialog.Result is { Canceled: false, Data: ScheduleView saved })
        {
            Snackbar.Add(schedule is null ? $"Schedule {saved.Schedule.Id} created." : $"Schedule {saved.Schedule.Id} saved.", Severity.Success);
        }
    }

    private async Task TriggerAsync(ScheduleView schedule) =>
        _feedback.ReportRun(await Client.TriggerScheduleAsync(schedule.Schedule.Id), $"Schedule {schedule.Schedule.Id} triggered");

    private async Task SetPausedAsync(ScheduleView schedule, bool paused) =>
        _feedback.Report(
            await Client.SetSchedulePausedAsync(schedule.Schedule.Id, paused),
            paused ? $"Schedule {schedule.Schedule.Id} paused: it fires only when triggered." : $"Schedule {schedule.Schedule.Id} resumed.");

    private async Task DeleteAsync(ScheduleView schedule)
    {
        var definition = schedule.Schedule.Definition;
        if (await _feedback.ConfirmDeleteAsync(
                $"Delete schedule {schedule.Schedule.Id}?",
                "It stops firing and is removed. Its past runs stay in the history. The engine refuses while other schedules depend on it.",
                [$"Runs {AgentName(definition.AgentId)}", CatalogText.Trigger(definition, ScheduleName)]))
        {
            _feedback.Report(await Client.DeleteScheduleAsync(schedule.Schedule.Id), $"Schedule {schedule.Schedule.Id} deleted.");
        }
    }
}
