namespace Scheduler.Benchmarks;

/// <summary>The command line is wrong; the message says what, and the usage text follows it.</summary>
internal sealed class UsageException(string message) : Exception(message);
