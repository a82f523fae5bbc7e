namespace Scheduler.Engine.Hosting;

/// <summary>Where the engine keeps its state. Bound from <c>Scheduler:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Scheduler:Storage";

    /// <summary>
    /// The SQLite database file. A relative path is resolved against the host's content root;
    /// the folder is created on first start.
    /// </summary>
    public string DatabasePath { get; set; } = "data/scheduler.db";

    /// <summary>How long a statement waits for another writer's lock before it fails.</summary>
    public int BusyTimeoutSeconds { get; set; } = 10;
}
