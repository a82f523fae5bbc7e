using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class RunQueueTests
{
    [Fact]
    public void DispatchOrder_IsStrictlyByLaneThenByPositionWithinTheLane()
    {
        var queue = new RunQueue();
        queue.Add(1, Priority.Low, 0);
        queue.Add(2, Priority.Critical, RunQueue.Gap);
        queue.Add(3, Priority.Medium, 0);
        queue.Add(4, Priority.Critical, 0);
        queue.Add(5, Priority.Background, -RunQueue.Gap);
        queue.Add(6, Priority.High, 5);
        queue.Add(7, Priority.Low, -1);

        Assert.Equal([4L, 2, 6, 3, 7, 1, 5], queue.InDispatchOrder());
        Assert.Equal([7L, 1], queue.InOrder(Priority.Low));
        Assert.Equal(7, queue.Count);
        Assert.Equal(2, queue.CountIn(Priority.Critical));
    }

    [Fact]
    public void BackAndFront_ArePositionsBehindAndAheadOfEveryRunOfTheLane()
    {
        var queue = new RunQueue();
        Assert.Equal(0, queue.BackOf(Priority.Medium));
        queue.Add(1, Priority.Medium, queue.BackOf(Priority.Medium));
        queue.Add(2, Priority.Medium, queue.BackOf(Priority.Medium));
        queue.Add(3, Priority.Medium, queue.FrontOf(Priority.Medium));
        queue.Add(4, Priority.High, queue.BackOf(Priority.High));

        Assert.Equal([3L, 1, 2], queue.InOrder(Priority.Medium));
        Assert.Equal([4L], queue.InOrder(Priority.High));
    }

    [Fact]
    public void MoveBeforeAndAfter_PlacesTheRunNextToItsTargetAndNowhereElse()
    {
        var queue = Lane(Priority.Medium, 1, 2, 3, 4);

        MoveNextTo(queue, 4, target: 2, after: false);
        Assert.Equal([1L, 4, 2, 3], queue.InOrder(Priority.Medium));

        MoveNextTo(queue, 1, target: 3, after: true);
        Assert.Equal([4L, 2, 3, 1], queue.InOrder(Priority.Medium));

        MoveNextTo(queue, 1, target: 4, after: false);
        Assert.Equal([1L, 4, 2, 3], queue.InOrder(Priority.Medium));
        Assert.Equal(4, queue.Count);
    }

    [Fact]
    public void MoveToAnotherLane_LeavesNoCopyInTheOldLane()
    {
        var queue = Lane(Priority.Low, 1, 2, 3);
        queue.Add(10, Priority.High, 0);
        queue.Add(11, Priority.High, RunQueue.Gap);

        MoveNextTo(queue, 2, target: 11, after: false);

        Assert.Equal([1L, 3], queue.InOrder(Priority.Low));
        Assert.Equal([10L, 2, 11], queue.InOrder(Priority.High));
        Assert.Equal(Priority.High, queue.Find(2)!.Value.Lane);
        Assert.Equal(5, queue.Count);
    }

    [Fact]
    public void AddingARunTwice_IsRefusedAndTheQueueIsUnchanged()
    {
        var queue = Lane(Priority.Medium, 1, 2);

        Assert.Throws<InvalidOperationException>(() => queue.Add(1, Priority.High, 77));
        Assert.Throws<InvalidOperationException>(() => queue.Add(2, Priority.Medium, queue.BackOf(Priority.Medium)));

        Assert.Equal([1L, 2], queue.InDispatchOrder());
        Assert.Equal(Priority.Medium, queue.Find(1)!.Value.Lane);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void RepeatedInsertsBetweenTheSameNeighbours_RenumberTheLaneAndReportEveryMovedRun()
    {
        var queue = Lane(Priority.Medium, 1, 2);
        var expected = new List<long> { 1, 2 };
        var renumberedAny = false;

        // Each insert goes just after run 1, halving the gap; the lane must renumber before positions collide.
        for (long id = 100; id < 140; id++)
        {
            var renumbered = new List<(long RunId, long Position)>();
            var position = queue.PositionNextTo(1, after: true, movingRunId: id, renumbered);
            queue.Add(id, Priority.Medium, position);
            expected.Insert(1, id);
            if (renumbered.Count > 0)
            {
                renumberedAny = true;
                Assert.All(renumbered, r => Assert.Equal(r.Position, queue.Find(r.RunId)!.Value.Position));
            }

            Assert.Equal(expected, queue.InOrder(Priority.Medium));
        }

        Assert.True(renumberedAny);
        var positions = queue.InOrder(Priority.Medium).Select(id => queue.Find(id)!.Value.Position).ToList();
        Assert.Equal(positions.Count, positions.Distinct().Count());
    }

    [Fact]
    public void RandomMoves_NeverDuplicateOrLoseARun()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var queue = new RunQueue();
        var model = Priorities.HighestFirst.ToDictionary(p => p, _ => new List<long>());
        for (long id = 1; id <= 60; id++)
        {
            var lane = Priorities.HighestFirst[random.Next(5)];
            queue.Add(id, lane, queue.BackOf(lane));
            model[lane].Add(id);
        }

        for (var step = 0; step < 5000; step++)
        {
            var moving = random.NextInt64(1, 61);
            var targetLane = model.Where(l => l.Value.Any(id => id != moving)).Select(l => l.Key).ElementAt(random.Next(model.Count(l => l.Value.Any(id => id != moving))));
            var candidates = model[targetLane].Where(id => id != moving).ToList();
            var target = candidates[random.Next(candidates.Count)];
            var after = random.Next(2) == 0;

            MoveNextTo(queue, moving, target, after);
            foreach (var lane in model.Values)
            {
                lane.Remove(moving);
            }

            model[targetLane].Insert(model[targetLane].IndexOf(target) + (after ? 1 : 0), moving);
            foreach (var (lane, ids) in model)
            {
                Assert.True(ids.SequenceEqual(queue.InOrder(lane)), $"seed {seed}, step {step}: lane {lane} is [{string.Join(", ", queue.InOrder(lane))}], expected [{string.Join(", ", ids)}]");
            }
        }

        Assert.Equal(60, queue.Count);
        Assert.Equal(60, queue.InDispatchOrder().Distinct().Count());
    }

    private static RunQueue Lane(Priority lane, params long[] ids)
    {
        var queue = new RunQueue();
        foreach (var id in ids)
        {
            queue.Add(id, lane, queue.BackOf(lane));
        }

        return queue;
    }

    /// <summary>What the engine's move does with the queue: take the run out, then add it at the position next to its target.</summary>
    private static void MoveNextTo(RunQueue queue, long runId, long target, bool after)
    {
        var lane = queue.Find(target)!.Value.Lane;
        var position = queue.PositionNextTo(target, after, runId, []);
        queue.Remove(runId);
        queue.Add(runId, lane, position);
    }
}
