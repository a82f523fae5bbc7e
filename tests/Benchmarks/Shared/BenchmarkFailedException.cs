namespace Scheduler.Benchmarks;

/// <summary>
/// A benchmark's own checks failed: fewer (or more) executions than jobs, a run that ended badly, a store that
/// still holds work. No figure is printed for a system that failed.
/// </summary>
internal sealed class BenchmarkFailedException(string message, Exception? inner = null) : Exception(message, inner);
