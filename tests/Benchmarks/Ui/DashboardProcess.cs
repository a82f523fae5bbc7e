using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scheduler.Benchmarks.Ui;

/// <summary>
/// The real dashboard as a child process (Release build, its own temporary database, demo off), reachable on a free
/// loopback port, so the browsers measure what an operator would get rather than an in-process test host.
/// </summary>
internal sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _data;

    private DashboardProcess(Process process, TempFolder data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DashboardProcess> StartAsync(string repositoryRoot, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(repositoryRoot, "src", "Dashboard", "bin", "Release", "net10.0", "Scheduler.Dashboard.dll");
        await RunAsync("dotnet", ["build", Path.Combine(repositoryRoot, "src", "Dashboard"), "-c", "Release", "-nologo", "-v", "q"], repositoryRoot, cancellationToken);
        var data = TempFolder.Create("ui");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Scheduler__Storage__DatabasePath"] = Path.Combine(data.Path, "scheduler.db");
        start.Environment["Scheduler__Demo__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new BenchmarkFailedException("the dashboard did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  dashboard: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new DashboardProcess(process, data, new Uri($"http://127.0.0.1:{port}/"));
        await dashboard.WaitHealthyAsync(cancellationToken);
        return dashboard;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _data.Dispose();
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailedException($"the dashboard exited with code {_process.ExitCode} while starting");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new BenchmarkFailedException("the dashboard did not become healthy within a minute");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"{program} {string.Join(' ', arguments)} failed:{Environment.NewLine}{output}");
        }
    }
}
