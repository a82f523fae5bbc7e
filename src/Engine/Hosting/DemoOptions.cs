namespace Scheduler.Engine.Hosting;

/// <summary>The demo a newcomer sees on a brand-new database. Bound from <c>Scheduler:Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Scheduler:Demo";

    /// <summary>
    /// Seed demo agents, schedules and runs when the database has never held any agent. Off unless configured:
    /// the product's appsettings.json turns it on for newcomers; a host embedding the engine does not get it.
    /// </summary>
    public bool Enabled { get; set; }
}
