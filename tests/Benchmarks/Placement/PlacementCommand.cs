using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Scheduler.Benchmarks.Placement;

/// <summary>
/// <c>placement</c>: placement and preemption decision time with a large backlog queued behind a cluster of varied
/// workers, and the memory the queue index holds. The last line is the machine-readable summary.
/// </summary>
internal sealed class PlacementCommand : IBenchmarkCommand
{
    private const double P99TargetUs = 1_000;
    private const double BytesPerMb = 1024 * 1024;

    public string Name => "placement";

    public string Synopsis => "placement [--queued N] [--workers N] [--decisions N] [--seed N]";

    public string Description =>
        $"placement and preemption decisions with N (default {PlacementOptions.DefaultQueued}) queued runs on {PlacementOptions.DefaultWorkers} workers; p50/p99 us, index MB";

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = PlacementOptions.Parse(args);
        var configuration = typeof(PlacementCommand).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";
        Line("placement benchmark");
        Line($"  {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}, " +
            $"{Environment.ProcessorCount} logical cores, {configuration} build" +
            (configuration == "Release" ? string.Empty : " (figures are only meaningful in Release: dotnet run -c Release)"));
        Line($"  {options.Queued} queued runs, {options.Workers} workers, {PlacementWorkload.AgentCount} agents x {PlacementWorkload.VariantsPerAgent} resource variants, " +
            $"{options.Decisions} decisions of each kind after {options.WarmupDecisions} warm-up decisions, seed {options.Seed}");

        var indexBytes = IndexMemory.RetainedBytes(new PlacementWorkload(options.Seed, options.Workers), options.Queued);
        var indexMb = indexBytes / BytesPerMb * PlacementOptions.DefaultQueued / options.Queued;
        Line($"  queue index (RunQueue + DispatchIndex): {indexBytes} bytes retained for {options.Queued} runs " +
            $"(GC.GetTotalMemory(true) after minus before filling them) = {Number(indexMb, "0.00")} MiB per 100,000 runs");

        var workload = new PlacementWorkload(options.Seed, options.Workers);
        var simulation = new PlacementSimulation(workload, options.Queued);
        simulation.Fill();
        simulation.Verify();
        Line($"  filled: {simulation.Running} runs running, {simulation.Queued} queued in {simulation.Shapes} distinct shapes");

        Measure(simulation, options.WarmupDecisions, cancellationToken);
        var placedBefore = simulation.Placed;
        Settle.CollectGarbage();
        var gcPause = GC.GetTotalPauseDuration();
        var gen0 = GC.CollectionCount(0);
        var (placement, preemption, scans) = Measure(simulation, options.Decisions, cancellationToken);
        gcPause = GC.GetTotalPauseDuration() - gcPause;
        gen0 = GC.CollectionCount(0) - gen0;
        simulation.Verify();

        var all = Summary(placement.Concat(preemption).ToList());
        Line(string.Empty);
        Line($"placement decisions (one dispatch pass after a run exits): {placement.Count}, placing {simulation.Placed - placedBefore} runs; {Summary(placement)}");
        if (preemption.Count > 0)
        {
            Line($"preemption decisions (planner view + plan for a blocked high/critical run): {preemption.Count}; {Summary(preemption)}");
        }

        Line($"  preemption scan after a dispatch pass (EngineLoop plans for the first 32 queued runs of each preempting lane): {scans.Count} scans, " +
            $"{simulation.ScanPlans} plans found victims; {Summary(scans)}");
        Line($"  plan outcomes over warm-up and measurement: {simulation.PlansWithVictims} with victims ({simulation.Preempted} runs preempted), " +
            $"{simulation.PlansFitting} fitting without victims, {simulation.PlansImpossible} with no victim set that frees enough");
        Line($"  still {simulation.Queued} queued, {simulation.Running} running, {simulation.Shapes} shapes; reservations never exceeded a worker's capacity");
        Line($"  GC during measurement: {gen0} gen0 collections, {Number(gcPause.TotalMilliseconds, "0.0")} ms paused; " +
            $"load average {LoadAverage()} on {Environment.ProcessorCount} cores (wall-clock tails include waiting for a core)");
        Line($"all decisions: {all} (target wall p99 < {P99TargetUs} us: {(all.WallP99 < P99TargetUs ? "met" : "NOT met")})");
        Line(string.Empty);
        Line($"placement: queued={options.Queued} workers={options.Workers} p50_us={Number(all.WallP50, "0.0")} p99_us={Number(all.WallP99, "0.0")} index_mb={Number(indexMb, "0.00")}");
        return Task.FromResult(0);
    }

    private static (List<DecisionTime> Placement, List<DecisionTime> Preemption, List<DecisionTime> Scans) Measure(PlacementSimulation simulation, int decisions, CancellationToken cancellationToken)
    {
        var placement = new List<DecisionTime>(decisions);
        var preemption = new List<DecisionTime>(decisions);
        var scans = new List<DecisionTime>(decisions / 10);
        for (var i = 0; i < decisions; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            placement.Add(simulation.PlacementDecision());
            if (simulation.PreemptionDecision() is { } planned)
            {
                preemption.Add(planned);
            }

            if (i % 10 == 0)
            {
                scans.Add(simulation.PreemptionScan());
            }
        }

        return (placement, preemption, scans);
    }

    private static TimeSummary Summary(List<DecisionTime> times)
    {
        var wall = new Percentiles(times.Select(t => t.WallUs));
        var cpu = new Percentiles(times.Select(t => t.CpuUs));
        return new TimeSummary(wall.At(50), wall.At(99), wall.Max, cpu.At(50), cpu.At(99));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Line(string text) => Console.Out.WriteLine(text);
}

/// <summary>Percentiles of decision times, in microseconds.</summary>
internal sealed record TimeSummary(double WallP50, double WallP99, double WallMax, double CpuP50, double CpuP99)
{
    public override string ToString() =>
        FormattableString.Invariant($"wall p50 {WallP50:0.0} us, p99 {WallP99:0.0} us, max {WallMax:0.0} us; thread CPU p50 {CpuP50:0.0} us, p99 {CpuP99:0.0} us");
}
