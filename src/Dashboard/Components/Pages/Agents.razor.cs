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
    private readonly Dictionary<int, Page<RunSnapshot>> _runs = [];

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
        await RefreshRunsAsync(_agents.Items.Select(a => a.Id));
        _ = RefreshRunsPeriodicallyAsync();
    }

    /// <summary>Once a second at most: the run count and latest run of agents whose runs changed (or that are new).</summary>
    private async Task RefreshRunsPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(Lifetime))
            {
                await InvokeAsync(async () =>
                {
                    var ids = _agents.TakeAgentsWithRunChanges().Concat(_agents.Items.Select(a => a.Id).Where(id => !_runs.ContainsKey(id))).Distinct().ToList();
                    if (ids.Count > 0)
                    {
                        await RefreshRunsAsync(ids);
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

    private async Task RefreshRunsAsync(IEnumerable<int> agentIds)
    {
        foreach (var id in agentIds)
        {
            _runs[id] = await Client.GetRunsAsync(new RunFilter { AgentId = id }, 0, 1, Lifetime);
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
