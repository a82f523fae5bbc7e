using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scheduler.Dashboard.Model;
using Scheduler.Dashboard.Model.Forms;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Triggers;

namespace Scheduler.Dashboard.Components.Dialogs;

/// <summary>The schedule form. It closes with the saved <see cref="ScheduleView"/>; a refusal keeps it open with the errors on their fields.</summary>
public partial class ScheduleDialog
{
    private const int PreviewCount = 5;
    private static readonly string[] CronFields = ["trigger.cron", "trigger.timeZone"];

    private ScheduleForm _form = new();
    private readonly FieldErrors _errors = new();
    private IReadOnlyList<DateTimeOffset>? _preview;
    private Dictionary<string, TimeZoneInfo> _zones = [];
    private IReadOnlyList<string> _zoneIds = [];
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IDashboardClient Client { get; set; } = default!;

    /// <summary>The schedule to edit; null creates one.</summary>
    [Parameter]
    public ScheduleView? Schedule { get; set; }

    /// <summary>The agents a schedule may run.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<AgentInfo> Agents { get; set; } = [];

    /// <summary>Every schedule (for the upstream and dependency pickers).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ScheduleView> Schedules { get; set; } = [];

    private IEnumerable<ScheduleView> OtherSchedules => Schedules.Where(s => s.Schedule.Id != Schedule?.Schedule.Id);

    private TimeZoneInfo Zone => _zones.GetValueOrDefault(_form.TimeZone) ?? TimeZoneInfo.Utc;

    private string AgentResources => Agents.FirstOrDefault(a => a.Id == _form.AgentId) is { } agent ? $": {Describe.Resources(agent.Definition.Resources)}" : string.Empty;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        var zones = Client.GetTimeZones();
        _zones = zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        _zoneIds = [.. zones.Select(z => z.Id)];
        _form = Schedule is null ? new ScheduleForm { AgentId = Agents.Count == 1 ? Agents[0].Id : null } : ScheduleForm.From(Schedule.Schedule.Definition);
        _errors.SetClient(_form.Validate());
        Preview();
    }

    private static string TypeLabel(ScheduleType type) => type switch
    {
        ScheduleType.OnDemand => "On demand",
        ScheduleType.Api => "API",
        _ => type.ToString(),
    };

    private static string ScheduleLabel(ScheduleView view) =>
        string.IsNullOrEmpty(view.Schedule.Definition.Name) ? $"#{view.Schedule.Id}" : $"#{view.Schedule.Id} {view.Schedule.Definition.Name}";

    private void Touched(string field)
    {
        _errors.Touch(field);
        _errors.SetClient(_form.Validate());
    }

    private void TypeChanged()
    {
        Touched("type");
        Preview();
    }

    private void CronChanged()
    {
        Touched("trigger.cron");
        Preview();
    }

    private void TimeZoneChanged(string zone)
    {
        _form.TimeZone = zone;
        Touched("trigger.timeZone");
        Preview();
    }

    private void DependenciesChanged(IEnumerable<int>? selected)
    {
        _form.Dependencies = [.. selected ?? []];
        Touched("dependencies");
    }

    /// <summary>Asks the engine about the cron expression as it is typed: its errors go on the fields, its fire times into the preview.</summary>
    private void Preview()
    {
        foreach (var field in CronFields)
        {
            _errors.ClearEngine(field);
        }

        _preview = null;
        if (!_form.UsesCron || string.IsNullOrWhiteSpace(_form.Cron))
        {
            return;
        }

        var result = Client.PreviewCron(_form.Cron, _form.TimeZone, PreviewCount);
        if (result.Succeeded)
        {
            _preview = result.Value;
            return;
        }

        foreach (var error in result.Errors.Where(e => e.Field is not null && CronFields.Contains(e.Field)))
        {
            _errors.SetEngine(error.Field!, error.Message);
        }
    }

    private async Task SaveAsync()
    {
        _errors.TouchAll();
        _errors.SetClient(_form.Validate());
        Preview();
        if (_errors.ClientInvalid || CronFields.Any(_errors.Has))
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Client.SaveScheduleAsync(Schedule?.Schedule.Id, _form.ToDefinition(), Schedule?.Schedule.Version);
            if (result.Value is { } saved)
            {
                Dialog.Close(DialogResult.Ok(saved));
                return;
            }

            _errors.SetEngine(result.Errors, ScheduleForm.FieldOf);
        }
        finally
        {
            _saving = false;
        }
    }
}
