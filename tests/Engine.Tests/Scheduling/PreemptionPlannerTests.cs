using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Engine.Tests.Scheduling;

public sealed class PreemptionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_RunFitsFreeCapacity_StopsNothing()
    {
        var worker = Worker("w1", cpu: 4, free: 2, Running(1, Priority.Low, cpu: 2, minutes: 5));

        var plan = PreemptionPlanner.Plan(Priority.Critical, ResourceVector.Of(2, 0), [], [worker], Now);

        Assert.NotNull(plan);
        Assert.False(plan.NeedsPreemption);
    }

    [Fact]
    public void Plan_PrefersLowestPriorityVictims()
    {
        var worker = Worker("w1", cpu: 4, free: 0,
            Running(1, Priority.Medium, cpu: 2, minutes: 1),
            Running(2, Priority.Background, cpu: 2, minutes: 30));

        var plan = PreemptionPlanner.Plan(Priority.Critical, ResourceVector.Of(2, 0), [], [worker], Now);

        Assert.Equal([2L], plan!.Victims.Select(v => v.RunId));
    }

    [Fact]
    public void Plan_AmongEqualPriorities_LosesTheLeastWork()
    {
        var worker = Worker("w1", cpu: 4, free: 0,
            Running(1, Priority.Low, cpu: 2, minutes: 40),
            Running(2, Priority.Low, cpu: 2, minutes: 3));

        var plan = PreemptionPlanner.Plan(Priority.High, ResourceVector.Of(2, 0), [], [worker], Now);

        Assert.Equal([2L], plan!.Victims.Select(v => v.RunId));
    }

    [Fact]
    public void Plan_SparesVictimsTheRunDoesNotNeed()
    {
        var worker = Worker("w1", cpu: 6, free: 0,
            Running(1, Priority.Background, cpu: 1, minutes: 1),
            Running(2, Priority.Low, cpu: 4, minutes: 2),
            Running(3, Priority.Medium, cpu: 1, minutes: 3));

        var plan = PreemptionPlanner.Plan(Priority.Critical, ResourceVector.Of(4, 0), [], [worker], Now);

        Assert.Equal([2L], plan!.Victims.Select(v => v.RunId));
    }

    [Fact]
    public void Plan_VictimsWouldNotFreeEnough_StopsNothing()
    {
        var worker = Worker("w1", cpu: 4, free: 0,
            Running(1, Priority.Low, cpu: 1, minutes: 1),
            Running(2, Priority.Critical, cpu: 3, minutes: 1));

        var plan = PreemptionPlanner.Plan(Priority.High, ResourceVector.Of(3, 0), [], [worker], Now);

        Assert.Null(plan);
    }

    [Fact]
    public void Plan_NeverPreemptsEqualPriority()
    {
        var worker = Worker("w1", cpu: 2, free: 0, Running(1, Priority.High, cpu: 2, minutes: 1));

        Assert.Null(PreemptionPlanner.Plan(Priority.High, ResourceVector.Of(2, 0), [], [worker], Now));
    }

    [Fact]
    public void Plan_NeverChoosesARunAlreadyBeingStopped()
    {
        var worker = Worker("w1", cpu: 2, free: 0, Running(1, Priority.Low, cpu: 2, minutes: 1) with { Stoppable = false });

        Assert.Null(PreemptionPlanner.Plan(Priority.Critical, ResourceVector.Of(2, 0), [], [worker], Now));
    }

    [Fact]
    public void Plan_NeedsOneWorker_DoesNotAddUpCapacityAcrossWorkers()
    {
        var a = Worker("a", cpu: 2, free: 0, Running(1, Priority.Low, cpu: 2, minutes: 1));
        var b = Worker("b", cpu: 2, free: 0, Running(2, Priority.Low, cpu: 2, minutes: 1));

        Assert.Null(PreemptionPlanner.Plan(Priority.Critical, ResourceVector.Of(3, 0), [], [a, b], Now));
    }

    [Fact]
    public void Plan_ChoosesTheWorkerWhereVictimsAreCheapest()
    {
        var a = Worker("a", cpu: 2, free: 0, Running(1, Priority.Medium, cpu: 2, minutes: 1));
        var b = Worker("b", cpu: 2, free: 0, Running(2, Priority.Low, cpu: 2, minutes: 50));

        var plan = PreemptionPlanner.Plan(Priority.Critical, ResourceVector.Of(2, 0), [], [a, b], Now);

        Assert.Equal("b", plan!.WorkerId);
    }

    [Fact]
    public void Plan_RespectsConstraintsAndDrainingWorkers()
    {
        var gpu = Worker("gpu", cpu: 2, free: 0, Running(1, Priority.Low, cpu: 2, minutes: 1)) with { Labels = new Dictionary<string, string> { ["gpu"] = "true" } };
        var draining = Worker("draining", cpu: 2, free: 2) with { AcceptsWork = false };

        Assert.Equal("gpu", PreemptionPlanner.Plan(Priority.High, ResourceVector.Of(2, 0), ["gpu=true"], [gpu, draining], Now)!.WorkerId);
        Assert.Null(PreemptionPlanner.Plan(Priority.High, ResourceVector.Of(2, 0), ["gpu=false"], [gpu, draining], Now));
    }

    private static PreemptionWorker Worker(string id, double cpu, double free, params PreemptionCandidate[] running) =>
        new(id, ResourceVector.Of(cpu, 0), ResourceVector.Of(free, 0), new Dictionary<string, string>(), AcceptsWork: true, running);

    private static PreemptionCandidate Running(long id, Priority priority, double cpu, int minutes) =>
        new(id, priority, ResourceVector.Of(cpu, 0), Now.AddMinutes(-minutes), Stoppable: true);
}
