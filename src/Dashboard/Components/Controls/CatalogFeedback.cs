using MudBlazor;
using Scheduler.Dashboard.Components.Dialogs;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Components.Controls;

/// <summary>
/// Feedback for the Agents and Schedules pages: confirmations for deletions and a snackbar for every outcome. A
/// started run's snackbar links to it; a conflict (an agent still used by schedules, an edit that lost a race)
/// reads as the engine's explanation, not as a crash.
/// </summary>
public sealed class CatalogFeedback(IDialogService dialogs, ISnackbar snackbar)
{
    /// <summary>Asks before deleting; true when the operator confirmed.</summary>
    public async Task<bool> ConfirmDeleteAsync(string title, string message, IReadOnlyList<string> details)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.Details, details },
            { d => d.ConfirmText, "Delete" },
            { d => d.ConfirmColor, Color.Error },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false };
    }

    /// <summary>Shows a command's outcome; true when it took effect.</summary>
    public bool Report<T>(EngineResult<T> result, string success)
    {
        if (result.Succeeded)
        {
            snackbar.Add(success, Severity.Success);
            return true;
        }

        ReportFailure(result.Errors);
        return false;
    }

    /// <summary>Shows that a run was started, with a link to it; or why it was not.</summary>
    public void ReportRun(EngineResult<RunSnapshot> result, string what)
    {
        if (result.Value is not { } run)
        {
            ReportFailure(result.Errors);
            return;
        }

        snackbar.Add(
            builder =>
            {
                builder.AddContent(0, $"{what}: run {run.Id} is {Model.Describe.State(run.State)}. ");
                builder.OpenElement(1, "a");
                builder.AddAttribute(2, "href", $"runs/{run.Id}");
                builder.AddAttribute(3, "class", "snackbar-link");
                builder.AddContent(4, $"Open run {run.Id}");
                builder.CloseElement();
            },
            Severity.Success,
            options => options.RequireInteraction = false);
    }

    /// <summary>Shows why a command was refused.</summary>
    public void ReportFailure(IReadOnlyList<EngineError> errors)
    {
        var error = errors[0];
        switch (error.Kind)
        {
            case EngineErrorKind.Conflict:
                snackbar.Add(error.Message, Severity.Warning);
                break;
            case EngineErrorKind.NotFound:
                snackbar.Add($"{error.Message} Someone else may have deleted it.", Severity.Warning);
                break;
            default:
                snackbar.Add(string.Join(" ", errors.Select(e => e.Message)), Severity.Error);
                break;
        }
    }
}
