using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.EndToEnd.Tests.Api;

namespace Scheduler.EndToEnd.Tests.Pages;

public sealed partial class SchedulesPageTests(DashboardServer server, Chromium chromium) : IAsyncLifetime
{
    private readonly ApiClient _api = new(server);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task RecurringSchedule_PreviewSavePauseResumeTriggerNow()
    {
        var agent = await _api.CreateAgentAsync();
        var agentId = (int)agent["id"]!;
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("schedules");

        var form = await OpenNewScheduleFormAsync(session.Page);
        await ChooseAsync(session.Page, form.GetByRole(AriaRole.Combobox, new() { Name = "Agent" }), (string)agent["name"]!);
        await form.GetByLabel("Cron expression", new() { Exact = true }).FillAsync("0 30 9 ? * MON-FRI");
        await ChooseTimeZoneAsync(session.Page, form, "Tokyo", "Asia/Tokyo");

        var preview = form.GetByTestId("cron-preview");
        await Assertions.Expect(preview).ToContainTextAsync("in Asia/Tokyo");
        await Assertions.Expect(preview.GetByTestId("preview-time")).ToHaveCountAsync(5);
        foreach (var time in await preview.GetByTestId("preview-time").AllTextContentsAsync())
        {
            Assert.Matches(WeekdayAtHalfPastNineInTokyo(), time);
        }

        await session.ScreenshotAsync("schedules-form-preview-light");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();

        var schedule = await FindScheduleAsync(agentId);
        Assert.NotNull(schedule);
        var id = (int)schedule["id"]!;
        Assert.Equal("recurring", (string?)schedule["type"]);
        Assert.Equal("0 30 9 ? * MON-FRI", (string?)schedule["trigger"]!["cron"]);
        Assert.Equal("Asia/Tokyo", (string?)schedule["trigger"]!["timeZone"]);
        await Assertions.Expect(session.Page.GetByTestId($"fire-times-{id}").Locator("li")).ToHaveCountAsync(5);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Pause schedule {id}" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByTestId($"state-{id}")).ToHaveTextAsync("paused");
        Assert.True((bool)(await _api.GetJsonAsync($"schedules/{id}"))["paused"]!);
        await Assertions.Expect(session.Page.GetByTestId($"fire-times-{id}")).ToHaveCountAsync(0);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Resume schedule {id}" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByTestId($"state-{id}")).ToHaveTextAsync("active");
        Assert.False((bool)(await _api.GetJsonAsync($"schedules/{id}"))["paused"]!);
        await Assertions.Expect(session.Page.GetByTestId($"fire-times-{id}").Locator("li")).ToHaveCountAsync(5);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Trigger schedule {id} now" }).ClickAsync();
        var link = session.Page.GetByRole(AriaRole.Link, new() { NameRegex = OpenRun() });
        await Assertions.Expect(link).ToBeVisibleAsync();
        var runId = long.Parse((await link.GetAttributeAsync("href"))!["runs/".Length..], CultureInfo.InvariantCulture);
        var run = (await _api.GetJsonAsync($"runs/{runId}"))["run"]!;
        Assert.Equal(agentId, (int)run["agentId"]!);
        Assert.Equal(1, await _api.RunCountAsync(agentId));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task InvalidCron_SaysWhyOnTheField_AndNothingIsSaved()
    {
        var agent = await _api.CreateAgentAsync();
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("schedules");

        var form = await OpenNewScheduleFormAsync(session.Page);
        await ChooseAsync(session.Page, form.GetByRole(AriaRole.Combobox, new() { Name = "Agent" }), (string)agent["name"]!);
        await form.GetByLabel("Cron expression", new() { Exact = true }).FillAsync("0 61 * * * ?");

        await Assertions.Expect(form.GetByText(InvalidCron())).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByTestId("preview-time")).ToHaveCountAsync(0);
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(form).ToBeVisibleAsync();
        await session.ScreenshotAsync("schedules-form-invalid-cron-light");
        Assert.Null(await FindScheduleAsync((int)agent["id"]!));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task ChangesMadeElsewhere_ShowWithoutReload()
    {
        var agent = await _api.CreateAgentAsync();
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("schedules");

        using var created = await _api.PostAsync("schedules", new
        {
            agentId = (int)agent["id"]!,
            type = "recurring",
            trigger = new { type = "cron", cron = "0 0 4 * * ?" },
        });
        var id = (int)(await ApiClient.ReadAsync(created, System.Net.HttpStatusCode.Created))["id"]!;

        await Assertions.Expect(session.Page.GetByTestId($"fire-times-{id}").Locator("li")).ToHaveCountAsync(5);
        using var paused = await _api.PostAsync($"schedules/{id}/pause");
        Assert.True(paused.IsSuccessStatusCode);
        await Assertions.Expect(session.Page.GetByTestId($"state-{id}")).ToHaveTextAsync("paused");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Screenshots_ListAndForm_LightAndDark_AtBothSizes()
    {
        var agent = await _api.CreateAgentAsync();
        using var created = await _api.PostAsync("schedules", new
        {
            agentId = (int)agent["id"]!,
            name = "nightly report",
            type = "recurring",
            priority = "high",
            trigger = new { type = "cron", cron = "0 0 2 * * ?", timeZone = "Europe/Paris", misfire = "skip" },
        });
        await ApiClient.ReadAsync(created, System.Net.HttpStatusCode.Created);
        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            await using var session = await BrowserSession.OpenAsync(chromium, server, width, height);
            await session.GotoAsync("schedules");
            await Assertions.Expect(session.Page.GetByTestId("schedules-table")).ToBeVisibleAsync();
            await Assertions.Expect(session.Page).ToHaveTitleAsync("Schedules · Scheduler Dashboard");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Schedules");
            await session.ScreenshotAsync($"schedules-{width}-light");
            var form = await OpenNewScheduleFormAsync(session.Page);
            await Assertions.Expect(form.GetByTestId("preview-time")).ToHaveCountAsync(5);
            await session.ScreenshotAsync($"schedules-form-{width}-light");
            await form.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(form).ToBeHiddenAsync();
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
            await session.ScreenshotAsync($"schedules-{width}-dark");
            await OpenNewScheduleFormAsync(session.Page);
            await session.ScreenshotAsync($"schedules-form-{width}-dark");
            Assert.Empty(session.Errors);
        }
    }

    private static async Task<ILocator> OpenNewScheduleFormAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New schedule" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(form).ToBeVisibleAsync();
        return form;
    }

    private static async Task ChooseAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(item, new() { Exact = true }).ClickAsync();
    }

    private async Task<JsonNode?> FindScheduleAsync(int agentId) =>
        (await _api.GetJsonAsync("schedules"))["items"]!.AsArray().FirstOrDefault(s => (int)s!["agentId"]! == agentId);

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri) \d{4}-\d{2}-\d{2} 09:30:00 \(\+09:00\)$")]
    private static partial Regex WeekdayAtHalfPastNineInTokyo();

    [GeneratedRegex(@"^Open run \d+$")]
    private static partial Regex OpenRun();

    [GeneratedRegex("^Invalid cron expression: ")]
    private static partial Regex InvalidCron();

    /// <summary>Types into the time zone search until the zone is offered (a busy machine can miss the first input), then picks it.</summary>
    private static async Task ChooseTimeZoneAsync(IPage page, ILocator form, string search, string zone)
    {
        var field = form.GetByLabel("Time zone", new() { Exact = true });
        var option = page.Locator(".mud-popover-open").GetByText(zone, new() { Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(string.Empty);
            await field.PressSequentiallyAsync(search, new() { Delay = 30 });
            try
            {
                await option.WaitForAsync(new() { Timeout = 5000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Offered nothing yet: type the search again.
            }
        }

        await option.ClickAsync();
    }
}
