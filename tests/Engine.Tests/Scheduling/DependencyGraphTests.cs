using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class DependencyGraphTests
{
    [Fact]
    public void FindCycle_Dag_ReturnsNull()
    {
        Assert.Null(DependencyGraph.FindCycle<long>([(3, 2), (2, 1), (3, 1)]));
    }

    [Fact]
    public void FindCycle_NamesTheRunsOfTheCycle()
    {
        var cycle = DependencyGraph.FindCycle<long>([(1, 2), (2, 3), (3, 1), (4, 1)]);

        Assert.Equal([1L, 2L, 3L], cycle);
    }

    [Fact]
    public void FindCycle_SelfDependency_IsACycle()
    {
        Assert.Equal([7L], DependencyGraph.FindCycle<long>([(7, 7)]));
    }

    [Fact]
    public void Depths_CountTheLongestChainOfDependencies()
    {
        var depths = DependencyGraph.Depths<long>([(4, 3), (3, 2), (2, 1), (4, 1), (5, 1)]);

        Assert.Equal(0, depths[1]);
        Assert.Equal(1, depths[2]);
        Assert.Equal(3, depths[4]);
        Assert.Equal(1, depths[5]);
    }
}
