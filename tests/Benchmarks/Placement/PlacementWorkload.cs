using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Benchmarks.Placement;

/// <summary>An agent of the synthetic workload: its default resources, the label constraints of its runs and its concurrency limit.</summary>
internal sealed record BenchAgent(int Id, string Name, IReadOnlyList<ResourceVector> Variants, IReadOnlyList<string> Constraints, int? MaxConcurrency);

/// <summary>A run as the benchmark tracks it (the engine keeps the same facts in its RunRecord).</summary>
internal sealed class BenchRun(long id, BenchAgent agent, Priority priority, ResourceVector resources)
{
    public long Id { get; } = id;

    public BenchAgent Agent { get; } = agent;

    public Priority Priority { get; } = priority;

    public ResourceVector Resources { get; } = resources;

    public long Position { get; set; }

    public string? Worker { get; set; }

    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>
/// The synthetic cluster: workers of three sizes (some with GPUs) across three zones and two architectures, a few of
/// which volunteer only for some agents; agents of varied sizes, some constrained to labels, some with a
/// concurrency limit, each submitting runs in a handful of resource variants (schedules and API calls override the
/// agent's defaults), so the queue holds a realistic number of distinct run shapes rather than one per run.
/// </summary>
internal sealed class PlacementWorkload
{
    public const int AgentCount = 40;
    public const int VariantsPerAgent = 5;

    private static readonly string[] Zones = ["a", "b", "c"];

    // Background, low, medium, high, critical: most of a backlog is routine work.
    private static readonly int[] QueuedPriorityWeights = [20, 30, 35, 10, 5];

    private readonly Random _random;

    public PlacementWorkload(int seed, int workerCount)
    {
        _random = new Random(seed);
        Workers = [.. Enumerable.Range(0, workerCount).Select(MakeWorker)];
        Agents = [.. Enumerable.Range(1, AgentCount).Select(MakeAgent)];
    }

    public IReadOnlyList<EmbeddedWorkerOptions> Workers { get; }

    public IReadOnlyList<BenchAgent> Agents { get; }

    public Random Random => _random;

    /// <summary>A run of a random agent and variant with a priority drawn like a backlog's.</summary>
    public BenchRun NextRun(long id) => NextRun(id, WeightedPriority());

    public BenchRun NextRun(long id, Priority priority)
    {
        var agent = Agents[_random.Next(Agents.Count)];
        return new BenchRun(id, agent, priority, agent.Variants[_random.Next(agent.Variants.Count)]);
    }

    private Priority WeightedPriority()
    {
        var roll = _random.Next(QueuedPriorityWeights.Sum());
        for (var i = 0; i < QueuedPriorityWeights.Length; i++)
        {
            if (roll < QueuedPriorityWeights[i])
            {
                return (Priority)i;
            }

            roll -= QueuedPriorityWeights[i];
        }

        return Priority.Medium;
    }

    private EmbeddedWorkerOptions MakeWorker(int index)
    {
        var size = index % 5;
        var gpu = size == 4;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["zone"] = Zones[index % Zones.Length],
            ["arch"] = index % 4 == 3 ? "arm64" : "x64",
        };
        if (gpu)
        {
            labels["gpu"] = "true";
        }

        if (index % 2 == 0)
        {
            labels["disk"] = "ssd";
        }

        return new EmbeddedWorkerOptions
        {
            Name = $"worker-{index:00}",
            Cpu = size switch { 0 or 1 => 4, 2 or 3 => 16, _ => 64 },
            MemoryMb = size switch { 0 or 1 => 8_192, 2 or 3 => 65_536, _ => 262_144 },
            Gpu = gpu ? 4 + (index % 3 * 2) : 0,
            BandwidthMbps = size < 2 ? 1_000 : 10_000,
            StorageMb = size < 2 ? 100_000 : 1_000_000,
            Labels = labels,

            // Every seventh worker volunteers only for the first ten agents (seed 003 volunteering).
            Agents = index % 7 == 6 ? [.. Enumerable.Range(1, 10).Select(AgentName)] : [],
        };
    }

    private BenchAgent MakeAgent(int id)
    {
        var gpu = id % 8 == 0 ? _random.Next(1, 3) : 0;
        var cpu = new[] { 0.25, 0.5, 1, 2, 4, 8 }[_random.Next(6)];
        var memory = new[] { 256L, 512, 1_024, 4_096, 16_384 }[_random.Next(5)];
        var bandwidth = new[] { 0L, 10, 100 }[_random.Next(3)];
        var storage = new[] { 0L, 1_024, 10_240 }[_random.Next(3)];
        var baseline = ResourceVector.Of(gpu > 0 ? Math.Max(cpu, 4) : cpu, gpu > 0 ? Math.Max(memory, 16_384) : memory, gpu, bandwidth, storage);
        var variants = new List<ResourceVector> { baseline };
        for (var v = 1; v < VariantsPerAgent; v++)
        {
            var scale = new[] { 0.5, 2, 3 }[_random.Next(3)];
            variants.Add(ResourceVector.Of(
                Math.Max(0.25, baseline.Cpu * scale),
                Math.Max(128, (long)(baseline.MemoryMb * scale)),
                baseline.Gpu,
                baseline.BandwidthMbps,
                baseline.StorageMb + (v * 512)));
        }

        List<string> constraints = [];
        if (gpu > 0)
        {
            constraints.Add("gpu");
        }

        switch (id % 10)
        {
            case 1 or 4:
                constraints.Add($"zone={Zones[id % Zones.Length]}");
                break;
            case 2:
                constraints.Add("disk=ssd");
                break;
            case 5:
                constraints.Add("arch=x64");
                constraints.Add("disk");
                break;
            default:
                break;
        }

        int? limit = id % 5 == 3 ? _random.Next(4, 21) : null;
        return new BenchAgent(id, AgentName(id), variants, constraints, limit);
    }

    private static string AgentName(int id) => $"agent-{id:00}";
}
