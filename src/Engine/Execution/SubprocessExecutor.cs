using System.ComponentModel;
using System.Diagnostics;
using Scheduler.Engine.Agents;

namespace Scheduler.Engine.Execution;

/// <summary>
/// Runs an agent as a real OS process: the program and an argument list (no shell ever parses them), in its own
/// process group via setsid, with stdout and stderr captured line by line into the run's log.
/// </summary>
internal sealed class SubprocessExecutor(TimeProvider time) : IRunExecutor
{
    public ExecutionEnvironment Environment => ExecutionEnvironment.Subprocess;

    public Task<IAgentProcess> StartAsync(ExecutionRequest request, IRunLog log, CancellationToken cancellationToken)
    {
        var program = ResolveProgram(request.Spec.Command, request.Environment);
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = request.WorkingDirectory,
        };
        if (ProcessGroups.SetsidPath is { } setsid)
        {
            start.FileName = setsid;
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in request.Spec.Args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in request.Environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var handle = new SubprocessHandle(process, ProcessGroups.SetsidPath is not null, time);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Write(LogSource.Stdout, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Write(LogSource.Stderr, e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            process.Dispose();
            throw new AgentStartException($"'{program}' could not be started: {error.Message}", error);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        handle.Started();
        log.Write(LogSource.System, $"started process {process.Id}: {program} {string.Join(' ', request.Spec.Args.Select(Quote))}");
        return Task.FromResult<IAgentProcess>(handle);
    }

    /// <summary>
    /// Finds the program the way exec would (a path, or a name on PATH) so a missing or non-executable program is
    /// a clear start failure rather than an exit code from setsid.
    /// </summary>
    private static string ResolveProgram(string command, IReadOnlyDictionary<string, string> environment)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command);
            return IsExecutable(full) ? full : throw new AgentStartException($"'{command}' does not exist or is not executable on this worker.");
        }

        var path = environment.GetValueOrDefault("PATH") ?? System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw new AgentStartException($"'{command}' was not found on PATH ({path}) on this worker.");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,".Contains(c, StringComparison.Ordinal)) ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private sealed class SubprocessHandle(Process process, bool ownGroup, TimeProvider time) : IAgentProcess
    {
        private readonly TaskCompletionSource _leaderExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task<int>? _exited;

        public int? ProcessId { get; private set; }

        public long? ProcessStartTicks { get; private set; }

        public Task<int> Exited => _exited ?? throw new InvalidOperationException("The process has not started.");

        public void Started()
        {
            ProcessId = process.Id;
            ProcessStartTicks = ProcessGroups.StartTicks(process.Id);
            process.Exited += (_, _) => _leaderExited.TrySetResult();
            if (process.HasExited)
            {
                _leaderExited.TrySetResult();
            }

            _exited = WaitForTreeAsync();
        }

        public async Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
        {
            if (ownGroup && ProcessId is { } group)
            {
                await ProcessGroups.TerminateAsync(group, gracePeriod, time, cancellationToken);
                return;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_exited is not null)
            {
                await _exited.ConfigureAwait(false);
            }

            process.Dispose();
        }

        /// <summary>
        /// The run ends when its leader exits; whatever it left behind in its group is stopped too (so the
        /// reservation is not released while part of the run still executes), then the output pipes drain.
        /// </summary>
        private async Task<int> WaitForTreeAsync()
        {
            await _leaderExited.Task;
            var code = process.ExitCode;
            if (ownGroup && ProcessId is { } group)
            {
                await ProcessGroups.TerminateAsync(group, TimeSpan.FromSeconds(2), time);
            }

            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
                // A descendant outside the group still holds a pipe; the exit code is already known.
            }

            return code;
        }
    }
}
