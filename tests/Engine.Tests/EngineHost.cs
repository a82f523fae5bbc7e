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
