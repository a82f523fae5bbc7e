using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// One browser context (like one operator's browser) with a page at 1280×800 that records every console error
/// and uncaught exception, so a test can fail on any of them.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private BrowserSession(IBrowserContext context, IPage page, Uri baseAddress)
    {
        Context = context;
        Page = page;
        BaseAddress = baseAddress;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} at {message.Location}");
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (_errors)
                {
                    _errors.Add($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static async Task<BrowserSession> OpenAsync(Chromium chromium, DashboardServer server, int width = 1280, int height = 800)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = server.BaseAddress.ToString(),
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, server.BaseAddress);
    }

    /// <summary>Opens a dashboard path and waits until the Blazor circuit is live.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(new Uri(BaseAddress, path).ToString());
        await WaitUntilLiveAsync();
    }

    public Task WaitUntilLiveAsync() =>
        Assertions.Expect(Page.Locator("#connection-indicator")).ToHaveAttributeAsync("data-state", "connected");

    /// <summary>Saves a full-page screenshot under the test output folder's screenshots/ directory.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
