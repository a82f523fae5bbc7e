using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Engine.Hosting;

namespace Scheduler.Engine.Tests;

/// <summary>Builds a real engine host (SQLite file, migrations, Quartz) on a given data folder.</summary>
internal static class EngineHost
{
    public static IHost Build(string databasePath, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:Storage:DatabasePath"] = databasePath,
            ["Scheduler:Demo:Enabled"] = "false",
            ["Scheduler:Engine:StopGracePeriodSeconds"] = "2",
            ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
            ["Scheduler:Workers:Embedded:0:Name"] = "big",
            ["Scheduler:Workers:Embedded:0:Cpu"] = "8",
            ["Scheduler:Workers:Embedded:0:MemoryMb"] = "16384",
            ["Scheduler:Workers:Embedded:0:Gpu"] = "1",
            ["Scheduler:Workers:Embedded:0:BandwidthMbps"] = "1000",
            ["Scheduler:Workers:Embedded:0:StorageMb"] = "100000",
            ["Scheduler:Workers:Embedded:0:Labels:gpu"] = "true",
            ["Scheduler:Workers:Embedded:1:Name"] = "small",
            ["Scheduler:Workers:Embedded:1:Cpu"] = "2",
            ["Scheduler:Workers:Embedded:1:MemoryMb"] = "4096",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSchedulerEngine(builder.Configuration);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(string databasePath, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = Build(databasePath, settings, services);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
