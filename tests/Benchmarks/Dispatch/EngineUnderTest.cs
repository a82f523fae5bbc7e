using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Hosting;
using Scheduler.Engine.Persistence;
using Scheduler.Engine.Runs;

namespace Scheduler.Benchmarks.Dispatch;

/// <summary>
/// The real engine (<c>AddSchedulerEngine</c>, the product's registration) in a Generic Host on a fresh SQLite file,
/// with its own durability settings untouched (WAL, <c>synchronous=FULL</c>), and a builtin no-op agent registered.
/// </summary>
internal sealed class EngineUnderTest : IAsyncDisposable
{
    public const int MaxConcurrentRuns = 256;
    public const int WorkerCount = 2;

    // Each worker alone holds 6,400 runs of the agent's size, far more than MaxConcurrentRuns: capacity never limits.
    private const int WorkerCpu = 64;
    private const int WorkerMemoryMb = 65_536;

    private readonly IHost _host;
    private bool _stopped;

    private EngineUnderTest(IHost host, StartStamps starts, int agentId)
    {
        _host = host;
        Runs = host.Services.GetRequiredService<IRunService>();
        Feed = host.Services.GetRequiredService<IChangeFeed>();
        Database = host.Services.GetRequiredService<SqliteDatabase>();
        Starts = starts;
        Request = new RunRequest { AgentId = agentId, Actor = new Actor(ActorKind.Api, "bench") };
    }

    public IRunService Runs { get; }

    public IChangeFeed Feed { get; }

    /// <summary>The engine's database; its <c>OpenConnection</c> is how the engine's writer opens its connection.</summary>
    public SqliteDatabase Database { get; }

    /// <summary>When each run's agent was about to start (the pre-start lifecycle hook).</summary>
    public StartStamps Starts { get; }

    /// <summary>An on-demand run of the no-op agent.</summary>
    public RunRequest Request { get; }

    public static string Describe() =>
        $"{WorkerCount} embedded workers of {WorkerCpu} cpu / {WorkerMemoryMb} MB, MaxConcurrentRuns {MaxConcurrentRuns}, builtin noop agent (0.01 cpu, 1 MB)";

    public static async Task<EngineUnderTest> StartAsync(string databasePath, CancellationToken cancellationToken)
    {
        var starts = new StartStamps();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = Path.GetDirectoryName(databasePath),
        });
        builder.Configuration.AddInMemoryCollection(Settings(databasePath));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSchedulerEngine(builder.Configuration);
        builder.Services.AddSingleton<IRunLifecycleHook>(starts);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var agent = await host.Services.GetRequiredService<IAgentService>().CreateAsync(new AgentDefinition
            {
                Name = "noop",
                ExecutionEnvironment = ExecutionEnvironment.Builtin,
                Command = BuiltinAgents.Noop,
                Resources = ResourceVector.Of(0.01, 1),
            });
            if (!agent.Succeeded)
            {
                throw new BenchmarkFailedException($"the engine refused the no-op agent: {agent.Error.Message}");
            }

            return new EngineUnderTest(host, starts, agent.Value!.Id);
        }
        catch
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the host (engine, workers, Quartz); everything it wrote is on disk afterwards.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    private static Dictionary<string, string?> Settings(string databasePath)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scheduler:Storage:DatabasePath"] = databasePath,
            ["Scheduler:Engine:MaxConcurrentRuns"] = Text(MaxConcurrentRuns),
        };
        for (var i = 0; i < WorkerCount; i++)
        {
            settings[$"Scheduler:Workers:Embedded:{i}:Name"] = $"bench-{i + 1}";
            settings[$"Scheduler:Workers:Embedded:{i}:Cpu"] = Text(WorkerCpu);
            settings[$"Scheduler:Workers:Embedded:{i}:MemoryMb"] = Text(WorkerMemoryMb);
        }

        return settings;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
