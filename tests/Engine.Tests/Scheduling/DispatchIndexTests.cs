using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class DispatchIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly RunShape Small = RunShape.Of(1, ResourceVector.Of(1, 100), []);
    private static readonly RunShape Large = RunShape.Of(2, ResourceVector.Of(8, 100), []);

    [Fact]
    public void Walk_MergesShapesInDispatchOrder_HighestLaneThenPosition()
    {
        var index = new DispatchIndex();
        index.Add(1, Small, Priority.Low, 0, null, Now);
        index.Add(2, Large, Priority.High, 10, null, Now);
        index.Add(3, Small, Priority.High, 5, null, Now);
        index.Add(4, Large, Priority.Low, -5, null, Now);

        var seen = new List<long>();
        index.Walk((run, _) =>
        {
            seen.Add(run);
            return true;
        }, () => false);

        Assert.Equal([3L, 2L, 4L, 1L], seen);
    }

    [Fact]
    public void Walk_ShapeThatDoesNotFit_IsNotTriedAgainInThePass()
    {
        var index = new DispatchIndex();
        for (var id = 1; id <= 1000; id++)
        {
            index.Add(id, id % 2 == 0 ? Large : Small, Priority.Medium, id, null, Now);
        }

        var tried = new List<long>();
        index.Walk((run, shape) =>
        {
            tried.Add(run);
            return shape == Small;
        }, () => false);

        Assert.Equal(501, tried.Count);
        Assert.Single(tried, run => run % 2 == 0);
    }

    [Fact]
    public void Walk_StopsWhenAskedTo()
    {
        var index = new DispatchIndex();
        for (var id = 1; id <= 10; id++)
        {
            index.Add(id, Small, Priority.Medium, id, null, Now);
        }

        var placed = 0;
        index.Walk((_, _) =>
        {
            placed++;
            return true;
        }, () => placed >= 3);

        Assert.Equal(3, placed);
    }

    [Fact]
    public void RunInBackoff_IsHiddenUntilDue()
    {
        var index = new DispatchIndex();
        index.Add(1, Small, Priority.Medium, 0, Now.AddSeconds(10), Now);

        Assert.Empty(Walked(index));
        Assert.Equal(Now.AddSeconds(10), index.NextDue);

        index.Release(Now.AddSeconds(10));

        Assert.Equal([1L], Walked(index));
        Assert.Null(index.NextDue);
    }

    [Fact]
    public void Remove_TakesARunOutWhetherReadyOrWaiting()
    {
        var index = new DispatchIndex();
        index.Add(1, Small, Priority.Medium, 0, null, Now);
        index.Add(2, Small, Priority.Medium, 1, Now.AddSeconds(5), Now);

        index.Remove(1);
        index.Remove(2);
        index.Release(Now.AddMinutes(1));

        Assert.Equal(0, index.Count);
        Assert.Equal(0, index.ShapeCount);
        Assert.Empty(Walked(index));
    }

    private static List<long> Walked(DispatchIndex index)
    {
        var seen = new List<long>();
        index.Walk((run, _) =>
        {
            seen.Add(run);
            return true;
        }, () => false);
        return seen;
    }
}
