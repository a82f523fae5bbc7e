using Scheduler.Benchmarks;
using Scheduler.Benchmarks.Dispatch;
using Scheduler.Benchmarks.Placement;
using Scheduler.Benchmarks.Ui;

// One command per system under test; the first argument picks it (see CommandLine for the usage text).
IBenchmarkCommand[] commands = [new DispatchCommand(), new PlacementCommand(), new UiCommand()];
return await CommandLine.RunAsync(commands, args);
