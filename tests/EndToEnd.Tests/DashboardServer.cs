using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Testing;

[assembly: AssemblyFixture(typeof(Scheduler.EndToEnd.Tests.DashboardServer))]

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The real dashboard (real SQLite file, real Quartz, real Blazor circuit) on Kestrel at a free loopback port.
/// It starts from the repository root like <c>dotnet run --project src/Dashboard</c> does, so it reads the real
/// top-level appsettings.json; only the database path is redirected to a temporary folder. Every test shares one
/// instance; a derived fixture (see <see cref="IsolatedServer"/>) adds settings for tests that must own a server.
/// </summary>
public class DashboardServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TempDirectory _data = new("scheduler-e2e");

    public Uri BaseAddress { get; private set; } = default!;

    public string DatabasePath => _data.File("scheduler.db");

    /// <summary>Settings applied over appsettings.json.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(RepositoryPaths.Root);
        builder.UseSetting("Scheduler:Storage:DatabasePath", DatabasePath);
        builder.UseSetting("Scheduler:Demo:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}
