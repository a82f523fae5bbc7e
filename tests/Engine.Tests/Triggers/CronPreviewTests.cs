using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Triggers;

public sealed class CronPreviewTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Now);
    private IHost _host = default!;

    private IScheduleService Schedules => _host.Services.GetRequiredService<IScheduleService>();

    public async ValueTask InitializeAsync() =>
        _host = await EngineHost.StartAsync(_dir.File("scheduler.db"), services: s => s.AddSingleton<TimeProvider>(_time));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void PreviewFireTimes_ValidCronInAZone_ListsTheNextTimesInThatZoneAcrossADaylightSavingChange()
    {
        var result = Schedules.PreviewFireTimes("0 30 1 * * ?", "Europe/Paris", 3);

        Assert.True(result.Succeeded);
        var expected = new[]
        {
            new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 30, 23, 30, 0, TimeSpan.Zero),
        };
        Assert.Equal(expected, result.Value!);
    }

    [Fact]
    public void PreviewFireTimes_DefaultCount_IsFiveTimesAfterNow()
    {
        var result = Schedules.PreviewFireTimes("0 */10 * * * ?", null);

        Assert.Equal(Enumerable.Range(1, 5).Select(i => Now.AddMinutes(10 * i)), result.Value!);
    }

    [Fact]
    public void PreviewFireTimes_InvalidCronAndUnknownZone_NamesBothTriggerFields()
    {
        var result = Schedules.PreviewFireTimes("0 61 * * * ?", "Mars/Olympus", 5);

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e => Assert.Equal(EngineErrorKind.Invalid, e.Kind));
        var cron = Assert.Single(result.Errors, e => e.Field == "trigger.cron");
        Assert.StartsWith("Invalid cron expression:", cron.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", Assert.Single(result.Errors, e => e.Field == "trigger.timeZone").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviewFireTimes_EmptyCron_SaysACronIsRequired()
    {
        var error = Assert.Single(Schedules.PreviewFireTimes("  ", "UTC").Errors);

        Assert.Equal("trigger.cron", error.Field);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviewFireTimes_CountOutOfRange_IsRefused()
    {
        Assert.Equal("count", Assert.Single(Schedules.PreviewFireTimes("0 * * * * ?", "UTC", 0).Errors).Field);
    }

    [Fact]
    public void PreviewFireTimes_CronThatNeverFiresAgain_IsEmpty()
    {
        var result = Schedules.PreviewFireTimes("0 0 0 1 1 ? 2020", "UTC");

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!);
    }

    [Fact]
    public void TimeZones_StartWithUtcAndIncludeIanaZonesTheValidatorAccepts()
    {
        var zones = CronSchedule.TimeZones();

        Assert.Equal(TimeZoneInfo.Utc.Id, zones[0].Id);
        Assert.Contains(zones, z => z.Id == "Europe/Paris");
        Assert.All(zones, z => Assert.NotNull(CronSchedule.FindTimeZone(z.Id)));
    }
}
