using Microsoft.Extensions.Options;
using Scheduler.Engine.Persistence;

namespace Scheduler.Engine.Hosting;

/// <summary>Where the engine keeps files beside its database, and the identity its agents are marked with.</summary>
public sealed class EnginePaths
{
    /// <summary>Derives the folders from the database location and the options.</summary>
    public EnginePaths(SqliteDatabase database, IOptions<EngineOptions> options)
    {
        DataDirectory = Path.GetDirectoryName(database.FilePath) ?? Directory.GetCurrentDirectory();
        LogDirectory = string.IsNullOrWhiteSpace(options.Value.LogDirectory)
            ? Path.Combine(DataDirectory, "logs")
            : Path.GetFullPath(options.Value.LogDirectory, DataDirectory);
        WorkDirectory = Path.Combine(DataDirectory, "work");
    }

    /// <summary>The folder holding the database.</summary>
    public string DataDirectory { get; }

    /// <summary>Run logs.</summary>
    public string LogDirectory { get; }

    /// <summary>Where agents start when they name no working directory (relative ones are resolved here too).</summary>
    public string WorkDirectory { get; }

    /// <summary>
    /// Stable id of this database's engine, stored in it. Every agent process carries it in
    /// <c>SCHEDULER_ENGINE_ID</c>, which is how a restarted engine finds the orphans of its previous life.
    /// </summary>
    public string EngineId { get; internal set; } = string.Empty;
}
