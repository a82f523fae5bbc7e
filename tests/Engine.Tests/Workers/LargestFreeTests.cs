using Microsoft.Extensions.Options;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Tests.Workers;

/// <summary>The bound a dispatch pass uses to reject a run shape without trying every worker.</summary>
public sealed class LargestFreeTests
{
    [Fact]
    public void LargestFree_IsTheMostFreeInEachDimensionOverWorkersThatAcceptWork()
    {
        var pool = Pool(("cpu-heavy", 8, 2048), ("memory-heavy", 2, 32768), ("draining", 64, 262144), ("offline", 64, 262144));
        pool.Find("draining")!.Status = WorkerStatus.Draining;
        pool.Find("offline")!.Status = WorkerStatus.Offline;
        pool.Find("cpu-heavy")!.Reserve(1, ResourceVector.Of(3, 1024));

        Assert.Equal(ResourceVector.Of(5, 32768), pool.LargestFree());
    }

    [Fact]
    public void ARunWithinTheBoundMayStillFitNoWorker_ButOneOutsideItNeverFitsAny()
    {
        var pool = Pool(("cpu-heavy", 8, 2048), ("memory-heavy", 2, 32768));
        var bound = pool.LargestFree();

        // Within the bound (4 cores from one worker, 8 GB from the other), yet no single worker has both.
        var split = ResourceVector.Of(4, 8192);
        Assert.True(split.FitsWithin(bound));
        Assert.Null(pool.Place(split, [], "any"));

        // Outside it in one dimension: no worker can take it, as the bound promised.
        var tooMuchCpu = ResourceVector.Of(9, 64);
        Assert.False(tooMuchCpu.FitsWithin(bound));
        Assert.Null(pool.Place(tooMuchCpu, [], "any"));

        Assert.Equal("cpu-heavy", pool.Place(ResourceVector.Of(4, 1024), [], "any")!.Id);
    }

    [Fact]
    public void LargestFree_ShrinksAsRunsAreReserved()
    {
        var pool = Pool(("only", 4, 4096));
        pool.Find("only")!.Reserve(1, ResourceVector.Of(1, 1024));
        pool.Find("only")!.Reserve(2, ResourceVector.Of(2, 1024));
        Assert.Equal(ResourceVector.Of(1, 2048), pool.LargestFree());

        pool.Find("only")!.Release(1, ResourceVector.Of(1, 1024));
        Assert.Equal(ResourceVector.Of(2, 3072), pool.LargestFree());
    }

    private static WorkerPool Pool(params (string Name, double Cpu, long MemoryMb)[] workers)
    {
        var options = new WorkerOptions { Embedded = [.. workers.Select(w => new EmbeddedWorkerOptions { Name = w.Name, Cpu = w.Cpu, MemoryMb = w.MemoryMb })] };
        var pool = new WorkerPool(Options.Create(options), TimeProvider.System);
        foreach (var worker in pool.All)
        {
            worker.Connection = new IdleConnection();
        }

        return pool;
    }

    private sealed class IdleConnection : IWorkerConnection
    {
        public void StartRun(StartOrder order)
        {
        }

        public void StopRun(long runId, long epoch)
        {
        }
    }
}
