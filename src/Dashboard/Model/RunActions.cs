using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Model;

/// <summary>An operator action on a run, and whether it applies to the run as it stands.</summary>
public sealed record ActionAvailability(bool Enabled, string Tooltip);

/// <summary>
/// Which operator actions apply to a run in its current state, with the reason shown on a disabled button.
/// The engine enforces these rules itself; the dashboard mirrors them only so buttons can say why they are off.
/// </summary>
public static class RunActions
{
    public static ActionAvailability Pick(RunSnapshot run) => run.State == RunState.Queued
        ? new(true, "Pick: choose the worker this run starts on")
        : new(false, $"Only a queued run can be picked; this one is {Describe.State(run.State)}");

    public static ActionAvailability Release(RunSnapshot run) => run.State switch
    {
        RunState.Assigned or RunState.Running when run.Stopping == StopIntent.None => new(true, "Release: stop it gracefully and put it back at the front of its lane"),
        RunState.Assigned or RunState.Running => new(false, $"It is already being stopped ({Describe.Stopping(run.Stopping)})"),
        _ => new(false, $"Only an assigned or running run can be released; this one is {Describe.State(run.State)}"),
    };

    public static ActionAvailability Preempt(RunSnapshot run) => run.State switch
    {
        RunState.Assigned or RunState.Running when run.Stopping == StopIntent.None => new(true, "Preempt: stop it to make room; it goes back to the front of its lane"),
        RunState.Assigned or RunState.Running => new(false, $"It is already being stopped ({Describe.Stopping(run.Stopping)})"),
        _ => new(false, $"Only an assigned or running run can be preempted; this one is {Describe.State(run.State)}"),
    };

    public static ActionAvailability Cancel(RunSnapshot run) => run.State switch
    {
        _ when run.State.IsTerminal() => new(false, $"It already ended ({Describe.State(run.State)})"),
        _ when run.Stopping == StopIntent.Cancel => new(false, "It is already being cancelled"),
        RunState.Assigned or RunState.Running => new(true, "Cancel: stop its process tree and end it cancelled"),
        _ => new(true, "Cancel: take it out of the queue and end it cancelled"),
    };

    public static ActionAvailability Move(RunSnapshot run) => run.State == RunState.Queued
        ? new(true, "Move it in its lane or to another lane")
        : new(false, $"Only a queued run can be moved; this one is {Describe.State(run.State)}");
}
