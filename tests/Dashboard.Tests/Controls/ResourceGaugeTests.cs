using Scheduler.Dashboard.Components.Controls;
using Scheduler.Dashboard.Model;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Dashboard.Tests.Controls;

public sealed class ResourceGaugeTests : BunitContext
{
    public ResourceGaugeTests() => this.AddTestServices();

    [Fact]
    public void Cpu_ShowsReservedOverCapacityInCores_AndStacksRunningBeforeStarting()
    {
        var gauge = RenderGauge(new ResourceGaugeReading(ResourceDimension.Cpu, 8, 2, 3.5));

        Assert.Equal("3.5 / 8 cores", gauge.Find(".gauge-value").TextContent);
        Assert.Equal("width: 25%", gauge.Find(".gauge-bar .gauge-running").GetAttribute("style"));
        Assert.Equal("width: 18.75%", gauge.Find(".gauge-bar .gauge-starting").GetAttribute("style"));
        Assert.Contains("4.5 cores free", gauge.Find(".gauge-legend").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Meter_CarriesItsValuesAndASentenceForScreenReaders()
    {
        var meter = RenderGauge(new ResourceGaugeReading(ResourceDimension.Cpu, 8, 2, 3.5)).Find("[role=meter]");

        Assert.Equal("worker-large CPU", meter.GetAttribute("aria-label"));
        Assert.Equal("0", meter.GetAttribute("aria-valuemin"));
        Assert.Equal("8", meter.GetAttribute("aria-valuemax"));
        Assert.Equal("3.5", meter.GetAttribute("aria-valuenow"));
        Assert.Equal(
            "CPU: 3.5 of 8 cores reserved (2 by running runs, 1.5 by starting runs), 4.5 cores free",
            meter.GetAttribute("aria-valuetext"));
    }

    [Fact]
    public void LargeMemory_IsWrittenInGigabytes()
    {
        var gauge = RenderGauge(new ResourceGaugeReading(ResourceDimension.Memory, 16384, 1024, 2048));

        Assert.Equal("2 / 16 GB", gauge.Find(".gauge-value").TextContent);
    }

    [Fact]
    public void MissingResource_ReadsNoneAndDrawsNoBar()
    {
        var gauge = RenderGauge(new ResourceGaugeReading(ResourceDimension.Gpu, 0, 0, 0));

        Assert.Equal("none", gauge.Find(".gauge-value").TextContent);
        Assert.Empty(gauge.FindAll(".gauge-bar"));
        Assert.Empty(gauge.FindAll("[role=meter]"));
        Assert.Equal("GPU: none (this worker has no GPU)", gauge.Find(".gauge-sr-only").TextContent);
    }

    [Fact]
    public void Readings_OfAWorker_TakeRunningFromTheRunningRunsAndCoverEveryDimension()
    {
        var worker = new WorkerSnapshot(
            "worker-large", ResourceVector.Of(8, 16384, 1, 1000, 0), ResourceVector.Of(3, 2048, 1), new Dictionary<string, string>(),
            WorkerStatus.Online, true, [1, 2], DateTimeOffset.UtcNow) { Running = ResourceVector.Of(1, 1024) };

        var readings = ResourceGaugeReading.Of(worker);

        Assert.Equal(ResourceVector.Dimensions, readings.Select(r => r.Dimension));
        var cpu = readings[0];
        Assert.Equal((8.0, 1.0, 3.0, 2.0, 5.0), (cpu.Capacity, cpu.Running, cpu.Reserved, cpu.Starting, cpu.Free));
        Assert.Equal("1 / 1 GPU", readings[2].Summary);
        Assert.Equal("0 / 1 Gbps", readings[3].Summary);
        Assert.False(readings[4].HasCapacity);
    }

    private IRenderedComponent<ResourceGauge> RenderGauge(ResourceGaugeReading reading) =>
        Render<ResourceGauge>(p => p.Add(g => g.Reading, reading).Add(g => g.Owner, "worker-large"));
}
