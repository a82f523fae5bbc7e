using Scheduler.Benchmarks;
using Scheduler.Benchmarks.Dispatch;
using Scheduler.Benchmarks.Placement;

// One command per system under test; the first argument picks it (see CommandLine for the usage text).
IBenchmarkCommand[] commands = [new DispatchCommand(), new PlacementCommand()];
return await CommandLine.RunAsync(commands, args);
