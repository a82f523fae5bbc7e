using System.Diagnostics;
using System.Globalization;
using Scheduler.Engine.Agents;

namespace Scheduler.Engine.Execution;

/// <summary>
/// The in-process agents of <see cref="BuiltinAgents"/>: they cost no process start, which makes them the agent
/// of choice for demos, tests and the throughput benchmark. A stopped builtin agent exits with 143 (as SIGTERM would).
/// </summary>
internal sealed class BuiltinExecutor(TimeProvider time) : IRunExecutor
{
    public ExecutionEnvironment Environment => ExecutionEnvironment.Builtin;

    public Task<IAgentProcess> StartAsync(ExecutionRequest request, IRunLog log, CancellationToken cancellationToken)
    {
        if (!BuiltinAgents.Names.Contains(request.Spec.Command))
        {
            throw new AgentStartException($"'{request.Spec.Command}' is not a builtin agent.");
        }

        IAgentProcess handle = new BuiltinHandle(token => RunAsync(request.Spec.Command, request.Spec.Args, log, token));
        return Task.FromResult(handle);
    }

    private async Task<int> RunAsync(string command, IReadOnlyList<string> args, IRunLog log, CancellationToken token)
    {
        switch (command)
        {
            case BuiltinAgents.Noop:
                return 0;
            case BuiltinAgents.Sleep:
                var seconds = Number(args, 0, 1);
                log.Write(LogSource.Stdout, $"sleeping {seconds} s");
                await Task.Delay(TimeSpan.FromSeconds(seconds), time, token);
                log.Write(LogSource.Stdout, "done");
                return 0;
            case BuiltinAgents.BurnCpu:
                var burn = TimeSpan.FromSeconds(Number(args, 0, 1));
                log.Write(LogSource.Stdout, $"burning one core for {burn.TotalSeconds} s");
                var started = Stopwatch.GetTimestamp();
                var spins = 0L;
                while (Stopwatch.GetElapsedTime(started) < burn)
                {
                    token.ThrowIfCancellationRequested();
                    spins++;
                }

                log.Write(LogSource.Stdout, $"done after {spins} iterations");
                return 0;
            case BuiltinAgents.Fail:
                var code = (int)Number(args, 0, 1);
                log.Write(LogSource.Stderr, args.Count > 1 ? string.Join(' ', args.Skip(1)) : $"failing on purpose with exit code {code}");
                return code == 0 ? 1 : code;
            case BuiltinAgents.Print:
                var lines = (int)Number(args, 0, 10);
                var every = TimeSpan.FromMilliseconds(Number(args, 1, 100));
                for (var i = 1; i <= lines; i++)
                {
                    log.Write(LogSource.Stdout, $"line {i} of {lines}");
                    if (i < lines && every > TimeSpan.Zero)
                    {
                        await Task.Delay(every, time, token);
                    }
                }

                return 0;
            default:
                throw new AgentStartException($"'{command}' is not a builtin agent.");
        }
    }

    private static double Number(IReadOnlyList<string> args, int index, double fallback) =>
        args.Count > index && double.TryParse(args[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : fallback;

    private sealed class BuiltinHandle : IAgentProcess
    {
        private readonly CancellationTokenSource _stop = new();

        public BuiltinHandle(Func<CancellationToken, Task<int>> body)
        {
            Exited = RunAsync(body);
        }

        public int? ProcessId => null;

        public long? ProcessStartTicks => null;

        public Task<int> Exited { get; }

        public Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
        {
            _stop.Cancel();
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await Exited.ConfigureAwait(false);
            _stop.Dispose();
        }

        private async Task<int> RunAsync(Func<CancellationToken, Task<int>> body)
        {
            await Task.Yield();
            try
            {
                return await body(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return 143;
            }
        }
    }
}
