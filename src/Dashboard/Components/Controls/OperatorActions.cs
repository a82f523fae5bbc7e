using MudBlazor;
using Scheduler.Dashboard.Components.Dialogs;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Components.Controls;

/// <summary>
/// The operators' commands with their confirmations and their feedback: every outcome is a snackbar, and a
/// conflict ("someone else already did it") reads as such, never as an error. Decisions are the engine's.
/// </summary>
public sealed class OperatorActions(IDashboardClient client, IDialogService dialogs, ISnackbar snackbar, TimeProvider time)
{
    public async Task PickAsync(RunSnapshot run)
    {
        var options = await client.PlacementOptionsAsync(run.Id);
        if (!options.Succeeded)
        {
            Report(options.Errors);
            return;
        }

        var parameters = new DialogParameters<PickDialog> { { d => d.Run, run }, { d => d.Options, options.Value! } };
        var dialog = await dialogs.ShowAsync<PickDialog>($"Pick a worker for run {run.Id}", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string worker })
        {
            Report(await client.PickAsync(run.Id, worker), $"Run {run.Id} picked onto {worker}.");
        }
    }

    public async Task ReleaseAsync(RunSnapshot run)
    {
        if (await ConfirmAsync(
                $"Release run {run.Id}?",
                $"{run.AgentName} is stopped gracefully on {run.OwnerWorker} and goes back to the front of the {Describe.Priority(run.Priority)} lane as attempt {run.Attempt + 1}.",
                [.. RunningFacts(run)],
                "Release",
                Color.Warning))
        {
            Report(await client.ReleaseAsync(run.Id), $"Run {run.Id} is being released.");
        }
    }

    public async Task PreemptAsync(RunSnapshot run)
    {
        var outcome = run.Stopping == StopIntent.None && run.State == RunState.Running
            ? "It goes back to the front of its lane as a new attempt (or ends cancelled if its preemption mode is cancel)."
            : "It has not started yet; it goes back to the front of its lane.";
        if (await ConfirmAsync($"Preempt run {run.Id}?", $"This stops {run.AgentName} on {run.OwnerWorker}: terminate, then kill after the grace period. {outcome}", [.. RunningFacts(run)], "Preempt", Color.Warning))
        {
            Report(await client.PreemptAsync(run.Id), $"Run {run.Id} is being preempted.");
        }
    }

    public async Task CancelAsync(RunSnapshot run)
    {
        var message = run.State is RunState.Assigned or RunState.Running
            ? $"Its agent is stopped on {run.OwnerWorker} (its whole process tree: terminate, then kill after the grace period) and the run ends cancelled."
            : "It leaves the queue and ends cancelled; runs that depend on it fail upstream.";
        if (await ConfirmAsync($"Cancel run {run.Id} ({run.AgentName})?", message, [.. RunningFacts(run)], "Cancel run", Color.Error))
        {
            var result = await client.CancelAsync(run.Id);
            Report(result, result.Value?.State == RunState.Cancelled ? $"Run {run.Id} cancelled." : $"Run {run.Id} is being cancelled: its agent is stopping.");
        }
    }

    public async Task MoveAsync(RunSnapshot run, Priority lane, long? beforeRunId, long? afterRunId, string where) =>
        Report(await client.MoveAsync(run.Id, lane, beforeRunId, afterRunId), $"Run {run.Id} moved {where}.");

    public async Task SetDrainingAsync(WorkerSnapshot worker, bool draining) =>
        Report(await client.SetDrainingAsync(worker.Id, draining), draining ? $"{worker.Id} is draining: it takes no new runs." : $"{worker.Id} takes new runs again.");

    /// <summary>Shows a command's outcome; true when it took effect.</summary>
    public bool Report<T>(EngineResult<T> result, string success)
    {
        if (result.Succeeded)
        {
            snackbar.Add(success, Severity.Success);
            return true;
        }

        Report(result.Errors);
        return false;
    }

    private void Report(IReadOnlyList<EngineError> errors)
    {
        var error = errors[0];
        switch (error.Kind)
        {
            case EngineErrorKind.Conflict:
                snackbar.Add($"Someone else got there first: {error.Message}", Severity.Warning);
                break;
            case EngineErrorKind.NotFound:
                snackbar.Add($"{error.Message} It may have been deleted by someone else.", Severity.Warning);
                break;
            default:
                snackbar.Add(string.Join(" ", errors.Select(e => e.Message)), Severity.Error);
                break;
        }
    }

    private async Task<bool> ConfirmAsync(string title, string message, IReadOnlyList<string> details, string confirm, Color color)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.Details, details },
            { d => d.ConfirmText, confirm },
            { d => d.ConfirmColor, color },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false };
    }

    private IEnumerable<string> RunningFacts(RunSnapshot run)
    {
        if (run.OwnerWorker is not null)
        {
            yield return $"Runs on {run.OwnerWorker}, holding {Describe.Resources(run.Resources)}";
        }

        if (run.StartedAt is { } started)
        {
            yield return $"Running for {Describe.Duration(time.GetUtcNow() - started)} (work lost if stopped)";
        }

        yield return $"Priority {Describe.Priority(run.Priority)}, attempt {run.Attempt}";
    }
}
