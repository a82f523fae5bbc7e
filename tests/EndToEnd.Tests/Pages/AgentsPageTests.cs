using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Scheduler.EndToEnd.Tests.Api;

namespace Scheduler.EndToEnd.Tests.Pages;

public sealed class AgentsPageTests(DashboardServer server, Chromium chromium) : IAsyncLifetime
{
    private readonly ApiClient _api = new(server);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task CreateAgent_ThroughTheForm_IsRegisteredWithEveryFieldAndListed()
    {
        var name = ApiClient.UniqueName("form-agent");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("agents");

        var form = await OpenNewAgentFormAsync(session.Page);
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Description", new() { Exact = true }).FillAsync("Prints a greeting");
        await form.GetByLabel("Command", new() { Exact = true }).FillAsync("/bin/echo");
        await form.GetByLabel("Arguments", new() { Exact = true }).FillAsync("hello\nbig world");
        await form.GetByLabel("Environment variables", new() { Exact = true }).FillAsync("GREETING=hi");
        await form.GetByLabel("CPU (cores)", new() { Exact = true }).FillAsync("0.25");
        await form.GetByLabel("Memory (MB)", new() { Exact = true }).FillAsync("64");
        await form.GetByLabel("Timeout (seconds)", new() { Exact = true }).FillAsync("120");
        await form.GetByLabel("Retry attempts", new() { Exact = true }).FillAsync("3");
        await form.GetByLabel("Max concurrency", new() { Exact = true }).FillAsync("2");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await Assertions.Expect(session.Page.GetByText($"Agent {name} registered.")).ToBeVisibleAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();
        var agent = await FindAgentAsync(name);
        Assert.NotNull(agent);
        Assert.Equal("subprocess", (string?)agent["executionEnvironment"]);
        Assert.Equal("/bin/echo", (string?)agent["command"]);
        Assert.Equal(["hello", "big world"], agent["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("hi", (string?)agent["environment"]!["GREETING"]);
        Assert.Equal(0.25, (double)agent["resources"]!["cpu"]!);
        Assert.Equal(64, (int)agent["resources"]!["memoryMb"]!);
        Assert.Equal(120, (int)agent["timeoutSeconds"]!);
        Assert.Equal(3, (int)agent["retry"]!["attempts"]!);
        Assert.Equal(2, (int)agent["maxConcurrency"]!);
        var row = session.Page.GetByTestId($"agent-{(int)agent["id"]!}").Locator("xpath=ancestor::tr");
        await Assertions.Expect(row).ToContainTextAsync("/bin/echo hello \"big world\"");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task InvalidFields_ShowTheirMessages_AndNothingIsSaved()
    {
        var name = ApiClient.UniqueName("bad-agent");
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("agents");

        var form = await OpenNewAgentFormAsync(session.Page);
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("CPU (cores)", new() { Exact = true }).FillAsync("-1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await Assertions.Expect(form.GetByText("Command is required: the program to start, a path or a name on PATH.")).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByText("CPU must not be negative.")).ToBeVisibleAsync();

        await form.GetByLabel("Command", new() { Exact = true }).FillAsync("/bin/true");
        await form.GetByLabel("CPU (cores)", new() { Exact = true }).FillAsync("100000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await Assertions.Expect(form.GetByTestId("error-resources")).ToContainTextAsync("No worker is large enough");
        await session.ScreenshotAsync("agents-form-errors-light");
        Assert.Null(await FindAgentAsync(name));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task RunNow_StartsARun_AndTheSnackbarLinksToIt()
    {
        var agent = await _api.CreateAgentAsync();
        var name = (string)agent["name"]!;
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("agents");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Run {name} now" }).ClickAsync();

        var link = session.Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Open run \\d+$") });
        await Assertions.Expect(link).ToBeVisibleAsync();
        var runId = long.Parse((await link.GetAttributeAsync("href"))!["runs/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((int)agent["id"]!, (int)(await _api.GetJsonAsync($"runs/{runId}"))["run"]!["agentId"]!);
    }

    [Fact]
    public async Task AgentCreatedElsewhere_AppearsWithoutReload()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, server);
        await session.GotoAsync("agents");

        var agent = await _api.CreateAgentAsync();

        await Assertions.Expect(session.Page.GetByTestId($"agent-{(int)agent["id"]!}")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Screenshots_ListAndForm_LightAndDark_AtBothSizes()
    {
        await _api.CreateAgentAsync("sleep", ["30"], maxConcurrency: 2);
        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            await using var session = await BrowserSession.OpenAsync(chromium, server, width, height);
            await session.GotoAsync("agents");
            await Assertions.Expect(session.Page.GetByTestId("agents-table")).ToBeVisibleAsync();
            await Assertions.Expect(session.Page).ToHaveTitleAsync("Agents · Scheduler Dashboard");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Agents");
            await session.ScreenshotAsync($"agents-{width}-light");
            var form = await OpenNewAgentFormAsync(session.Page);
            await session.ScreenshotAsync($"agents-form-{width}-light");
            await form.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(form).ToBeHiddenAsync();
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
            await session.ScreenshotAsync($"agents-{width}-dark");
            await OpenNewAgentFormAsync(session.Page);
            await session.ScreenshotAsync($"agents-form-{width}-dark");
            Assert.Empty(session.Errors);
        }
    }

    private static async Task<ILocator> OpenNewAgentFormAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New agent" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(form).ToBeVisibleAsync();
        return form;
    }

    private async Task<JsonNode?> FindAgentAsync(string name) =>
        (await _api.GetJsonAsync("agents"))["items"]!.AsArray().FirstOrDefault(a => (string?)a!["name"] == name);
}
