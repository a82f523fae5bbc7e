using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// The run history: a server-side paged, sorted and filtered grid. The address holds the filter, so a filtered
/// view can be shared; the feed tells the page when runs change, and the current page reloads (at most twice a
/// second) so the rows stay within a second of the engine.
/// </summary>
public partial class Runs
{
    private static readonly int[] PageSizes = [25, 50, 100];
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMilliseconds(500);

    private readonly RunsQuery _defaults = new();
    private RunsQuery _query = new();
    private string? _loadedKey;
    private MudDataGrid<RunSnapshot>? _grid;
    private RunHistoryFeed _feed = default!;
    private DateTimeOffset _lastReload;
    private bool _reloadScheduled;
    private int? _total;
    private string? _fromText;
    private string? _toText;
    private string? _fromError;
    private string? _toError;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>States, comma-separated wire names (<c>failed,timed_out</c>).</summary>
    [SupplyParameterFromQuery(Name = "state")]
    public string? StateParameter { get; set; }

    /// <summary>A priority's wire name.</summary>
    [SupplyParameterFromQuery(Name = "priority")]
    public string? PriorityParameter { get; set; }

    /// <summary>An agent id.</summary>
    [SupplyParameterFromQuery(Name = "agent")]
    public string? AgentParameter { get; set; }

    /// <summary>A worker id.</summary>
    [SupplyParameterFromQuery(Name = "worker")]
    public string? WorkerParameter { get; set; }

    /// <summary>A preset window: 15m, 1h, 24h or 7d.</summary>
    [SupplyParameterFromQuery(Name = "since")]
    public string? SinceParameter { get; set; }

    /// <summary>Created at or after this time (UTC).</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? FromParameter { get; set; }

    /// <summary>Created before this time (UTC).</summary>
    [SupplyParameterFromQuery(Name = "to")]
    public string? ToParameter { get; set; }

    /// <summary>The sort key's wire name.</summary>
    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortParameter { get; set; }

    /// <summary>false for oldest (smallest) first.</summary>
    [SupplyParameterFromQuery(Name = "desc")]
    public string? DescParameter { get; set; }

    private IEnumerable<string> WorkerChoices =>
        _query.Worker is { } chosen && !_feed.Workers.Contains(chosen) ? _feed.Workers.Append(chosen) : _feed.Workers;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _feed = new RunHistoryFeed(Client);
        await TrackAsync(_feed);
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _query = RunsQuery.Parse(StateParameter, PriorityParameter, AgentParameter, WorkerParameter, SinceParameter, FromParameter, ToParameter, SortParameter, DescParameter);
        _fromText = _query.From is { } from ? RunsQuery.Format(from) : FromParameter;
        _toText = _query.To is { } to ? RunsQuery.Format(to) : ToParameter;
        _fromError = null;
        _toError = null;
        var key = FilterKey(_query);
        if (_loadedKey is not null && key != _loadedKey && _grid is not null)
        {
            // A new filter starts at its first page; navigating there loads it.
            if (_grid.CurrentPage > 0)
            {
                _grid.NavigateTo(MudBlazor.Page.First);
            }
            else
            {
                await _grid.ReloadServerData();
            }
        }
    }

    /// <inheritdoc />
    protected override Task OnLiveChangesAppliedAsync()
    {
        if (_feed.TakeRunsChanged() && !_reloadScheduled)
        {
            _reloadScheduled = true;
            _ = ReloadSoonAsync();
        }

        return Task.CompletedTask;
    }

    private async Task<GridData<RunSnapshot>> LoadPageAsync(GridState<RunSnapshot> state, CancellationToken cancellationToken)
    {
        var query = _query;
        if (state.SortDefinitions.FirstOrDefault() is { } sort && SortOf(sort.SortBy) is { } key && (key != query.Sort || sort.Descending != query.Descending))
        {
            query = query with { Sort = key, Descending = sort.Descending };
            _query = query;
            Navigation.NavigateTo(AddressOf(query), replace: true);
        }

        _loadedKey = FilterKey(query);
        var page = await Client.GetRunsAsync(query.ToFilter(Clock.GetUtcNow()), state.Page * state.PageSize, state.PageSize, cancellationToken);
        if (_total != page.Total)
        {
            // The count sits in the page's header, outside the grid that asked for this page.
            _total = page.Total;
            _ = InvokeAsync(StateHasChanged);
        }

        return new GridData<RunSnapshot> { Items = page.Items, TotalItems = page.Total };
    }

    // A burst of changes costs one query per interval, not one per change.
    private async Task ReloadSoonAsync()
    {
        try
        {
            var wait = _lastReload + ReloadInterval - Clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Clock, Lifetime);
            }

            await InvokeAsync(async () =>
            {
                _reloadScheduled = false;
                _lastReload = Clock.GetUtcNow();
                if (_grid is not null)
                {
                    await _grid.ReloadServerData();
                    StateHasChanged();
                }
            });
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or Engine.Scheduling.EngineStoppedException)
        {
            // The page was closed, or the engine is stopping: nothing left to reload.
        }
    }

    private SortDirection Initial(RunSort sort) =>
        _query.Sort != sort ? SortDirection.None : _query.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private static RunSort? SortOf(string field) => field switch
    {
        nameof(RunSnapshot.Id) => RunSort.Id,
        nameof(RunSnapshot.AgentName) => RunSort.Agent,
        nameof(RunSnapshot.State) => RunSort.State,
        nameof(RunSnapshot.Priority) => RunSort.Priority,
        nameof(RunSnapshot.CreatedAt) => RunSort.Created,
        nameof(RunSnapshot.StartedAt) => RunSort.Started,
        nameof(RunSnapshot.FinishedAt) => RunSort.Finished,
        _ => null,
    };

    private static string FilterKey(RunsQuery query) => (query with { Sort = RunSort.Created, Descending = true }).ToQueryString();

    private static string AddressOf(RunsQuery query) => query.ToQueryString() is { Length: > 0 } text ? $"runs?{text}" : "runs";

    private void Apply(RunsQuery query) => Navigation.NavigateTo(AddressOf(query with { Errors = [] }));

    private void StatesChanged(IEnumerable<RunState> states) => Apply(_query with { States = [.. states.Order()] });

    private void PriorityChanged(Priority? priority) => Apply(_query with { Priority = priority });

    private void AgentChanged(int? agent) => Apply(_query with { AgentId = agent });

    private void WorkerChanged(string? worker) => Apply(_query with { Worker = string.IsNullOrEmpty(worker) ? null : worker });

    private void WindowChanged(string? key) => Apply(_query with { Since = RunsQuery.Windows.FirstOrDefault(w => w.Key == key) });

    private void FromChanged(string? text)
    {
        _fromText = text;
        if (string.IsNullOrWhiteSpace(text))
        {
            Apply(_query with { From = null });
        }
        else if (RunsQuery.TryReadDate(text) is not { } from)
        {
            _fromError = $"Write a UTC time as {RunsQuery.DateFormat}.";
        }
        else if (_query.To is { } to && from >= to)
        {
            _fromError = "Must be before 'Created before'.";
        }
        else
        {
            Apply(_query with { From = from });
        }
    }

    private void ToChanged(string? text)
    {
        _toText = text;
        if (string.IsNullOrWhiteSpace(text))
        {
            Apply(_query with { To = null });
        }
        else if (RunsQuery.TryReadDate(text) is not { } to)
        {
            _toError = $"Write a UTC time as {RunsQuery.DateFormat}.";
        }
        else if (_query.From is { } from && from >= to)
        {
            _toError = "Must be after 'Created from'.";
        }
        else
        {
            Apply(_query with { To = to });
        }
    }

    private void ClearFilters() => Apply(_defaults with { Sort = _query.Sort, Descending = _query.Descending });

    private void OpenRun(DataGridRowClickEventArgs<RunSnapshot> click) => Navigation.NavigateTo($"runs/{click.Item.Id}");

    private string AgentText(int? id) => id is not { } agent ? string.Empty : _feed.AgentName(agent) ?? $"agent {agent}";

    private static string WindowText(string? key) => RunsQuery.Windows.FirstOrDefault(w => w.Key == key)?.Label ?? string.Empty;

    // Today's times show only the time of day, older ones the date: ten columns must fit 1280 pixels.
    private string Time(DateTimeOffset? time) => time is not { } t ? "—"
        : t.UtcDateTime.Date == Clock.GetUtcNow().UtcDateTime.Date ? t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
        : t.UtcDateTime.ToString("MMM dd HH:mm", CultureInfo.InvariantCulture);

    private static string? FullTime(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private string Duration(RunSnapshot run) => run.StartedAt is not { } started ? "—"
        : run.FinishedAt is { } finished ? Describe.Duration(finished - started)
        : run.State == RunState.Running ? $"{Describe.Duration(Clock.GetUtcNow() - started)} so far"
        : "—";
}
