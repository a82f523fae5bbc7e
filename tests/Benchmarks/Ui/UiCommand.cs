using System.Diagnostics;
using Microsoft.Playwright;

namespace Scheduler.Benchmarks.Ui;

/// <summary>
/// <c>ui</c>: the Queues page under load. The real dashboard (a child process) holds 10,000 queued runs while the
/// API keeps up a steady rate of queue moves; five Chromium contexts have the page open. Prints the time to the
/// first rendered card, and the latency from an engine change (a probe run moved to the critical lane) to the
/// moment each browser's DOM shows it.
/// </summary>
internal sealed class UiCommand : IBenchmarkCommand
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Records, in the page, when the current probe's card first appears in the critical lane and when it leaves.</summary>
    private const string InstallObserver = """
        () => {
          window.__probe = null; window.__seen = {}; window.__gone = {};
          const check = () => {
            const id = window.__probe;
            if (id === null) return;
            const lane = document.querySelector('[data-testid="lane-critical"]');
            const present = lane !== null && lane.querySelector('[data-testid="run-' + id + '"]') !== null;
            if (present && window.__seen[id] === undefined) window.__seen[id] = Date.now();
            if (!present && window.__seen[id] !== undefined && window.__gone[id] === undefined) window.__gone[id] = Date.now();
          };
          new MutationObserver(check).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-testid'] });
        }
        """;

    public string Name => "ui";

    public string Synopsis => "ui [--runs N] [--rate N] [--contexts N] [--probes N]";

    public string Description =>
        "N (default 10000) queued runs, N (default 200) changes/s, N (default 5) Chromium contexts on /queues; first render and change->DOM p50/p95";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = UiOptions.Parse(args);
        if (!File.Exists(ChromiumPath))
        {
            throw new BenchmarkFailedException($"Chromium is not installed at {ChromiumPath} (scripts/install-chromium installs it)");
        }

        Console.WriteLine($"ui: {options.Runs} queued runs, {options.ChangesPerSecond} changes/s, {options.Contexts} browser contexts, {options.Probes} probes");
        var settings = new Dictionary<string, string>
        {
            ["Scheduler:Engine:MaxConcurrentRuns"] = "1",
            ["Scheduler:Engine:AgingIntervalSeconds"] = "0",
        };
        await using var dashboard = await DashboardProcess.StartAsync(RepositoryRoot(), settings, cancellationToken);
        using var load = new QueueLoad(dashboard.Address);
        // One run of the sleeping agent takes the single execution slot; the rest stay queued.
        var seeded = await load.SeedAsync(options.Runs + 1, cancellationToken);
        var queuedIds = await load.QueuedAsync(seeded, cancellationToken);
        var queued = queuedIds.Count;
        Console.WriteLine($"  seeded {seeded.Count} runs, {queued} queued");

        // Probes use runs the churn never touches, so a probe's lane is only ever changed by the probe.
        var probeRuns = queuedIds[..100];
        var churnRuns = queuedIds[100..];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var pages = new List<IPage>();
        var firstRender = new List<double>();
        for (var i = 0; i < options.Contexts; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            var page = await context.NewPageAsync();
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(new Uri(dashboard.Address, "queues").ToString());
            await page.WaitForSelectorAsync("[data-testid=lane-background] article.run-card", new PageWaitForSelectorOptions { Timeout = 60_000 });
            firstRender.Add(watch.Elapsed.TotalMilliseconds);
            await page.EvaluateAsync(InstallObserver);
            pages.Add(page);
            Console.WriteLine($"  context {i + 1}: first card after {watch.Elapsed.TotalMilliseconds:0} ms");
        }

        using var stopChurn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var churn = Task.Run(() => load.ChurnAsync(churnRuns, options.ChangesPerSecond, stopChurn.Token), cancellationToken);
        var churnWatch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);

        var latencies = new List<double>();
        var random = new Random(7);
        for (var probe = 0; probe < options.Probes; probe++)
        {
            var runId = probeRuns[random.Next(probeRuns.Count)];
            foreach (var page in pages)
            {
                await page.EvaluateAsync("id => { window.__probe = id; }", runId);
            }

            var sent = await load.ProbeAsync(runId, null, cancellationToken);
            foreach (var page in pages)
            {
                var seen = await WaitForStampAsync(page, "__seen", runId, cancellationToken);
                latencies.Add(seen - sent);
            }

            await load.ParkAsync(runId, cancellationToken);
            foreach (var page in pages)
            {
                await WaitForStampAsync(page, "__gone", runId, cancellationToken);
            }

            await Task.Delay(random.Next(100, 400), cancellationToken);
        }

        await stopChurn.CancelAsync();
        var moves = await churn;
        var changesPerSecond = moves / churnWatch.Elapsed.TotalSeconds;
        var render = new Percentiles(firstRender);
        var latency = new Percentiles(latencies);
        Console.WriteLine($"  churn: {moves} moves in {churnWatch.Elapsed.TotalSeconds:0.0} s; {latencies.Count} latency samples, max {latency.Max:0} ms");
        Console.WriteLine(
            $"ui: queued={queued} changes_per_s={changesPerSecond:0} contexts={options.Contexts} first_render_ms={render.At(50):0} p50_ms={latency.At(50):0} p95_ms={latency.At(95):0}");
        return 0;
    }

    private static async Task<double> WaitForStampAsync(IPage page, string table, long runId, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var stamp = await page.EvaluateAsync<double?>($"id => window.{table}[id] ?? null", runId);
            if (stamp is { } value)
            {
                return value;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new BenchmarkFailedException($"run {runId} did not {(table == "__seen" ? "appear in" : "leave")} the critical lane of a browser within 10 s");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Scheduler.Dashboard.sln")))
            {
                return folder.FullName;
            }
        }

        throw new BenchmarkFailedException("cannot find the repository root (Scheduler.Dashboard.sln) above the benchmark's folder");
    }
}
