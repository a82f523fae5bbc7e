using Scheduler.Benchmarks;
using Scheduler.Benchmarks.Dispatch;

// One command per system under test; the first argument picks it (see CommandLine for the usage text).
IBenchmarkCommand[] commands = [new DispatchCommand()];
return await CommandLine.RunAsync(commands, args);
