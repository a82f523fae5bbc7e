namespace Scheduler.Engine.Agents;

/// <summary>The in-process agents the engine ships, for demos and tests.</summary>
public static class BuiltinAgents
{
    /// <summary>Finishes at once with success.</summary>
    public const string Noop = "noop";

    /// <summary>Sleeps for args[0] seconds (default 1).</summary>
    public const string Sleep = "sleep";

    /// <summary>Keeps one core busy for args[0] seconds (default 1).</summary>
    public const string BurnCpu = "burn-cpu";

    /// <summary>Fails with exit code args[0] (default 1) after printing args[1..] as a message.</summary>
    public const string Fail = "fail";

    /// <summary>Prints args[0] numbered lines (default 10), one every args[1] milliseconds (default 100).</summary>
    public const string Print = "print";

    /// <summary>Every builtin agent's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Noop, Sleep, BurnCpu, Fail, Print];
}
