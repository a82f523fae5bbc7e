using MudBlazor;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Components.Controls;

/// <summary>The colour each priority and state is drawn in, everywhere.</summary>
public static class PriorityColors
{
    public static Color Of(Priority priority) => priority switch
    {
        Priority.Critical => Color.Error,
        Priority.High => Color.Warning,
        Priority.Medium => Color.Primary,
        Priority.Low => Color.Info,
        _ => Color.Default,
    };

    public static Color Of(RunState state) => state switch
    {
        RunState.Succeeded => Color.Success,
        RunState.Failed or RunState.TimedOut or RunState.UpstreamFailed => Color.Error,
        RunState.Cancelled => Color.Default,
        RunState.Running => Color.Primary,
        RunState.Assigned => Color.Info,
        RunState.Queued => Color.Secondary,
        _ => Color.Warning,
    };
}
