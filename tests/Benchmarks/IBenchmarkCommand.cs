namespace Scheduler.Benchmarks;

/// <summary>One benchmark the tool can run, named by the first command-line argument.</summary>
internal interface IBenchmarkCommand
{
    /// <summary>The word that selects it, for example <c>dispatch</c>.</summary>
    string Name { get; }

    /// <summary>Its arguments as the usage text shows them, for example <c>dispatch [--runs N]</c>.</summary>
    string Synopsis { get; }

    /// <summary>One line on what it measures.</summary>
    string Description { get; }

    /// <summary>Runs it with the arguments after its name; returns the process exit code.</summary>
    /// <exception cref="UsageException">The arguments are wrong.</exception>
    /// <exception cref="BenchmarkFailedException">Something that was measured did not really happen.</exception>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
