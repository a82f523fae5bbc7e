using Microsoft.Extensions.Options;
using Scheduler.Engine.Hosting;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Hosting;

public sealed class StorageOptionsValidatorTests
{
    public static TheoryData<string, int, string?> Cases => new()
    {
        { "data/scheduler.db", 10, null },
        { "/var/lib/scheduler/scheduler.db", 1, null },
        { "", 10, "Scheduler:Storage:DatabasePath" },
        { "   ", 10, "Scheduler:Storage:DatabasePath" },
        { "bad\0path.db", 10, "Scheduler:Storage:DatabasePath" },
        { "data/scheduler.db", 0, "Scheduler:Storage:BusyTimeoutSeconds" },
        { "data/scheduler.db", 301, "Scheduler:Storage:BusyTimeoutSeconds" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_NamesTheBadKey(string path, int busySeconds, string? badKey)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { DatabasePath = path, BusyTimeoutSeconds = busySeconds });

        if (badKey is null)
        {
            Assert.True(result.Succeeded);
        }
        else
        {
            Assert.True(result.Failed);
            Assert.Contains(badKey, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { DatabasePath = "", BusyTimeoutSeconds = -1 });

        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public async Task HostStart_WithInvalidStorageOptions_FailsWithTheKeyInTheMessage()
    {
        using var dir = new TempDirectory();
        using var host = EngineHost.Build(dir.File("scheduler.db"), new Dictionary<string, string?>
        {
            ["Scheduler:Storage:BusyTimeoutSeconds"] = "0",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Scheduler:Storage:BusyTimeoutSeconds", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("scheduler.db")));
    }
}
