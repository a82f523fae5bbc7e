using System.Globalization;
using Microsoft.AspNetCore.Components;
using Scheduler.Dashboard.Components.Controls;

namespace Scheduler.Dashboard.Components.Pages;

/// <summary>
/// The dependency graph page: runs around a root run (or every unfinished run) or the schedules' cascades. What
/// it draws is in the address (<c>?root=&amp;depth=&amp;view=</c>), so a graph can be bookmarked and shared.
/// </summary>
public partial class Graph
{
    /// <summary>How many hops the graph follows when the address does not say.</summary>
    public const int DefaultDepth = 10;

    /// <summary>The most hops the engine follows.</summary>
    public const int MaxDepth = 50;

    private long? _rootInput;
    private int _depthInput = DefaultDepth;

    /// <summary>The root run from the address, as typed (read leniently: a bad value means no root).</summary>
    [SupplyParameterFromQuery(Name = "root")]
    public string? RootQuery { get; set; }

    /// <summary>The depth from the address, as typed (a bad value means the default).</summary>
    [SupplyParameterFromQuery(Name = "depth")]
    public string? DepthQuery { get; set; }

    /// <summary>"schedules" draws the schedules; anything else the runs.</summary>
    [SupplyParameterFromQuery(Name = "view")]
    public string? ViewQuery { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private long? Root { get; set; }

    private int Depth { get; set; } = DefaultDepth;

    private GraphViewKind View { get; set; }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        Root = long.TryParse(RootQuery, NumberStyles.None, CultureInfo.InvariantCulture, out var root) && root > 0 ? root : null;
        Depth = int.TryParse(DepthQuery, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) ? Math.Min(depth, MaxDepth) : DefaultDepth;
        View = string.Equals(ViewQuery, "schedules", StringComparison.OrdinalIgnoreCase) ? GraphViewKind.Schedules : GraphViewKind.Runs;
        _rootInput = Root;
        _depthInput = Depth;
    }

    private void ShowRoot() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["root"] = _rootInput,
        ["depth"] = Math.Clamp(_depthInput, 0, MaxDepth),
    }));

    private void ShowView(GraphViewKind view) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("view", view == GraphViewKind.Schedules ? "schedules" : null));
}
