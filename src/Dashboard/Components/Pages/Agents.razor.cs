using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Components.Dialogs;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// The agents registry: a live list, a form to register or change an agent (errors on their fields), delete with
/// confirmation and "run now". Every change is the engine's; the list redraws from what the feed announces.
/// </summary>
public partial class Agents
{
    private AgentCatalog _agents = default!;
    private CatalogFeedback _feedback = default!;
    private IReadOnlyDictionary<int, AgentRunSummary> _runs = new Dictionary<int, AgentRunSummary>();
    private HashSet<int> _unrun = [];

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _feedback = new CatalogFeedback(Dialogs, Snackbar);
        _agents = new AgentCatalog(Client);
        await TrackAsync(_agents);
        _runs = await Client.RunsPerAgentAsync(Lifetime);
        _unrun = [.. _agents.Items.Select(a => a.Id).Where(id => !_runs.ContainsKey(id))];
        _ = RefreshRunsPeriodicallyAsync();
    }

    /// <summary>
    /// Once a second at most, when runs of some agent changed or an agent is new: every agent's run count and newest
    /// run, read in one grouped query off the circuit and shown on it.
    /// </summary>
    private async Task RefreshRunsPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime))
            {
                var changed = false;
                await InvokeAsync(() => changed = _agents.TakeAgentsWithRunChanges().Count > 0 || _agents.Items.Any(a => !_runs.ContainsKey(a.Id) && !_unrun.Contains(a.Id)));
                if (!changed)
                {
                    continue;
                }

                var runs = await Client.RunsPerAgentAsync(Lifetime);
                await InvokeAsync(() =>
                {
                    _runs = runs;
                    _unrun = [.. _agents.Items.Select(a => a.Id).Where(id => !runs.ContainsKey(id))];
                    StateHasChanged();
                });
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or EngineStoppedException)
        {
            // The page was closed, or the engine is stopping: nothing left to refresh.
        }
    }

    private Task CreateAsync() => OpenFormAsync(null);

    private Task EditAsync(AgentInfo agent) => OpenFormAsync(agent);

    private async Task OpenFormAsync(AgentInfo? agent)
    {
        var parameters = new DialogParameters<AgentDialog> { { d => d.Agent, agent } };
        var title = agent is null ? "New agent" : $"Edit {agent.Name}";
        var dialog = await Dialogs.ShowAsync<AgentDialog>(title, parameters, FormDialog.Options);
        if (await dialog.Result is { Canceled: false, Data: AgentInfo saved })
        {
            Snackbar.Add(agent is null ? $"Agent {saved.Name} registered." : $"Agent {saved.Name} saved.", Severity.Success);
        }
    }

    private async Task RunNowAsync(AgentInfo agent) =>
        _feedback.ReportRun(await Client.StartRunAsync(new RunRequest { AgentId = agent.Id, Actor = new Actor(ActorKind.Operator, "operator") }), $"{agent.Name} started");

    private async Task DeleteAsync(AgentInfo agent)
    {
        if (await _feedback.ConfirmDeleteAsync(
                $"Delete agent {agent.Name}?",
                "The agent is removed from the registry. Its past runs stay in the history. The engine refuses while schedules or unfinished runs still use it.",
                [CatalogText.CommandLine(agent.Definition), Describe.Resources(agent.Definition.Resources)]))
        {
            _feedback.Report(await Client.DeleteAgentAsync(agent.Id), $"Agent {agent.Name} deleted.");
        }
    }
}
