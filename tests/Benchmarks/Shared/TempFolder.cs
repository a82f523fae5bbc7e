using Microsoft.Data.Sqlite;

namespace Scheduler.Benchmarks;

/// <summary>A fresh folder under the system temp folder for one system's database; deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    private TempFolder(string path) => Path = path;

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    public static TempFolder Create(string purpose) =>
        new(Directory.CreateTempSubdirectory($"scheduler-bench-{purpose}-").FullName);

    /// <summary>A file name inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled SQLite connections keep the database files open; close them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException error)
        {
            Console.Error.WriteLine($"warning: could not delete {Path}: {error.Message}");
        }
        catch (UnauthorizedAccessException error)
        {
            Console.Error.WriteLine($"warning: could not delete {Path}: {error.Message}");
        }
    }
}
