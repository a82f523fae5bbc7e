using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scheduler.Dashboard.Model;
using Scheduler.Dashboard.Model.Forms;
using Scheduler.Engine.Agents;

namespace Scheduler.Dashboard.Components.Dialogs;

/// <summary>The agent form. It closes with the saved <see cref="AgentInfo"/>; a refusal keeps it open with the errors on their fields.</summary>
public partial class AgentDialog
{
    private AgentForm _form = new();
    private readonly FieldErrors _errors = new();
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IDashboardClient Client { get; set; } = default!;

    /// <summary>The agent to edit; null registers a new one.</summary>
    [Parameter]
    public AgentInfo? Agent { get; set; }

    private string CommandHelp => _form.ExecutionEnvironment == ExecutionEnvironment.Builtin
        ? $"A builtin agent: {string.Join(", ", BuiltinAgents.Names)}"
        : "The program: a path, or a name on PATH";

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _form = Agent is null ? new AgentForm() : AgentForm.From(Agent.Definition);
        _errors.SetClient(_form.Validate());
    }

    private void Touched(string field)
    {
        _errors.Touch(field);
        _errors.SetClient(_form.Validate());
    }

    private async Task SaveAsync()
    {
        _errors.TouchAll();
        _errors.SetClient(_form.Validate());
        if (_errors.ClientInvalid)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Client.SaveAgentAsync(Agent?.Id, _form.ToDefinition(), Agent?.Version);
            if (result.Value is { } saved)
            {
                Dialog.Close(DialogResult.Ok(saved));
                return;
            }

            _errors.SetEngine(result.Errors, AgentForm.FieldOf);
        }
        finally
        {
            _saving = false;
        }
    }
}
