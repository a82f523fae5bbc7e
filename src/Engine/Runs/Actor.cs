namespace Scheduler.Engine.Runs;

/// <summary>Who caused a change.</summary>
public enum ActorKind : byte
{
    /// <summary>A person using the dashboard.</summary>
    Operator = 0,

    /// <summary>A program calling the HTTP API or a hub.</summary>
    Api = 1,

    /// <summary>A schedule firing (cron, event, trigger now).</summary>
    Schedule = 2,

    /// <summary>The engine itself (dispatch, retry, aging, recovery).</summary>
    Engine = 3,

    /// <summary>A worker reporting on a run it owns.</summary>
    Worker = 4,
}

/// <summary>Who caused a change, by kind and name (for example an operator's user name).</summary>
public sealed record Actor(ActorKind Kind, string Name)
{
    /// <summary>The engine acting on its own.</summary>
    public static Actor Engine { get; } = new(ActorKind.Engine, "engine");

    /// <summary>Shown in timelines, for example <c>operator:alice</c>.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";

    /// <summary>Parses <see cref="ToString"/>'s form back; unknown kinds read as the engine.</summary>
    public static Actor Parse(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Enum.TryParse<ActorKind>(value[..colon], ignoreCase: true, out var kind))
        {
            return new Actor(kind, value[(colon + 1)..]);
        }

        return new Actor(ActorKind.Engine, value);
    }
}
