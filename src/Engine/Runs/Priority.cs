namespace Scheduler.Engine.Runs;

/// <summary>How urgent a run is. Larger is more urgent; the highest priority dispatches first.</summary>
public enum Priority : byte
{
    /// <summary>Runs when nothing else wants the capacity.</summary>
    Background = 0,

    /// <summary>Below normal.</summary>
    Low = 1,

    /// <summary>The default.</summary>
    Medium = 2,

    /// <summary>Ahead of normal work; may preempt lower priorities.</summary>
    High = 3,

    /// <summary>Ahead of everything; may preempt lower priorities.</summary>
    Critical = 4,
}

/// <summary>Facts about <see cref="Priority"/> values.</summary>
public static class Priorities
{
    /// <summary>Most urgent first: the order lanes are shown and dispatched in.</summary>
    public static IReadOnlyList<Priority> HighestFirst { get; } = [Priority.Critical, Priority.High, Priority.Medium, Priority.Low, Priority.Background];

    /// <summary>Whether the value is one of the five defined priorities.</summary>
    public static bool IsDefined(this Priority priority) => priority <= Priority.Critical;

    /// <summary>Raises a priority by <paramref name="levels"/>, never above <paramref name="ceiling"/>.</summary>
    public static Priority Raise(this Priority priority, int levels, Priority ceiling) =>
        (Priority)Math.Min((int)ceiling, Math.Max((int)priority, (int)priority + levels));
}
