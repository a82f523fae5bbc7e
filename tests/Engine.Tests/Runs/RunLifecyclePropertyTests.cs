using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine.Agents;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Testing;

namespace Scheduler.Engine.Tests.Runs;

/// <summary>
/// Random operation sequences against a real engine on a SQLite file: create (alone or depending on another run),
/// move, cancel, pick, release, preempt, start, complete, fail (and retry), acknowledge a stop, a stale report, and
/// restart. The test plays the only worker that can take the runs, so it decides when they start and how they end.
/// After every operation no run is in two places and every run is where its state says; at every restart the queue
/// rebuilt from the database equals the queue before it; every run's timeline is a legal path through the state machine.
/// Set SCHEDULER_PROPERTY_SEED to replay a failing seed.
/// </summary>
public sealed class RunLifecyclePropertyTests
{
    private const string Worker = "manual";
    private const int Sequences = 3;
    private const int OperationsPerSequence = 180;
    private static readonly Actor Alice = new(ActorKind.Operator, "alice");

    [Fact]
    public async Task RandomOperationSequences_NeverReachAnIllegalStateOrADuplicate_AndARestartRebuildsTheSameQueue()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SCHEDULER_PROPERTY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var replay)
            ? replay
            : Environment.TickCount & int.MaxValue;
        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            var sequenceSeed = seed + sequence;
            var world = new World(new Random(sequenceSeed));
            try
            {
                await world.RunAsync(OperationsPerSequence);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Property failed with seed {sequenceSeed} (replay with SCHEDULER_PROPERTY_SEED={sequenceSeed}) at operation {world.Step}.{Environment.NewLine}"
                    + $"Last operations:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", world.RecentOperations)}{Environment.NewLine}{error}");
            }
            finally
            {
                await world.DisposeAsync();
            }
        }
    }

    private sealed class World(Random random) : IAsyncDisposable
    {
        private readonly TempDirectory _dir = new();
        private readonly Queue<string> _log = new();
        private readonly HashSet<long> _known = [];
        private readonly HashSet<long> _finished = [];
        private IHost? _host;
        private int _retryingAgent;
        private int _onceAgent;

        public int Step { get; private set; }

        public IEnumerable<string> RecentOperations => _log;

        private IRunService Runs => _host!.Services.GetRequiredService<IRunService>();

        private IWorkerGateway Gateway => _host!.Services.GetRequiredService<IWorkerGateway>();

        public async Task RunAsync(int operations)
        {
            await StartAsync();
            var agents = _host!.Services.GetRequiredService<IAgentService>();
            _retryingAgent = (await agents.CreateAsync(Agent("retrying", new RetryPolicy(3, 0)))).Value!.Id;
            _onceAgent = (await agents.CreateAsync(Agent("once", RetryPolicy.None))).Value!.Id;
            var snapshot = await Runs.GetQueueAsync();
            for (Step = 1; Step <= operations; Step++)
            {
                snapshot = await ApplyRandomOperationAsync(snapshot);
                CheckInvariants(snapshot);
            }

            await RestartAsync(snapshot);
            await CheckTimelinesAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.StopAsync(CancellationToken.None);
                _host.Dispose();
            }

            _dir.Dispose();
        }

        private static AgentDefinition Agent(string name, RetryPolicy retry) =>
            new() { Name = name, ExecutionEnvironment = ExecutionEnvironment.Builtin, Command = "noop", Retry = retry };

        private async Task StartAsync(bool register = true)
        {
            _host = await EngineHost.StartAsync(_dir.File("scheduler.db"), new Dictionary<string, string?> { ["Scheduler:Workers:LeaseSeconds"] = "3600" });
            if (register)
            {
                await RegisterWorkerAsync();
            }
        }

        private async Task RegisterWorkerAsync()
        {
            var registered = await Gateway.RegisterAsync(
                new WorkerRegistration(Worker, ResourceVector.Of(4, 4096), new Dictionary<string, string> { ["pool"] = "manual" }, true, []),
                new PassiveWorker());
            Assert.True(registered.Succeeded);
        }

        private void Log(string operation)
        {
            _log.Enqueue($"#{Step} {operation}");
            if (_log.Count > 25)
            {
                _log.Dequeue();
            }
        }

        private async Task<QueueSnapshot> ApplyRandomOperationAsync(QueueSnapshot before)
        {
            var queued = before.Lanes.SelectMany(l => l.Runs).ToList();
            var active = before.Active.ToList();
            var roll = random.Next(100);
            switch (roll)
            {
                case < 20:
                    return await CreateAsync(before);
                case < 34:
                    return await MoveAsync(before, queued);
                case < 42:
                    return await CancelAsync(before);
                case < 49 when queued.Count > 0:
                    return await PickAsync(before, Pick(queued));
                case < 53 when active.Count > 0:
                    return await StopAsync(before, Pick(active), release: true);
                case < 57 when active.Count > 0:
                    return await StopAsync(before, Pick(active), release: false);
                case < 65 when active.Any(r => r.State == RunState.Assigned):
                    return await ReportStartAsync(Pick(active.Where(r => r.State == RunState.Assigned).ToList()));
                case < 75 when active.Count > 0:
                    return await ReportExitAsync(before, Pick(active), new ExecutionExit(ExitKind.Completed, 0, null));
                case < 85 when active.Count > 0:
                    return await ReportExitAsync(before, Pick(active), new ExecutionExit(ExitKind.Completed, 1, "boom"));
                case < 93 when active.Any(r => r.Stopping != StopIntent.None):
                    return await ReportExitAsync(before, Pick(active.Where(r => r.Stopping != StopIntent.None).ToList()), new ExecutionExit(ExitKind.Stopped, 143, null));
                case < 97 when active.Count > 0:
                    return await StaleReportAsync(before, Pick(active));
                case >= 99:
                    return await RestartAsync(before);
                default:
                    return await CreateAsync(before);
            }
        }

        private RunSnapshot Pick(List<RunSnapshot> items) => items[random.Next(items.Count)];

        private long AnyKnownRun() => _known.Count == 0 ? 1 : _known.ElementAt(random.Next(_known.Count));

        private async Task<QueueSnapshot> CreateAsync(QueueSnapshot before)
        {
            var request = new RunRequest
            {
                AgentId = random.Next(2) == 0 ? _retryingAgent : _onceAgent,
                Priority = (Priority)random.Next(5),
                Resources = ResourceVector.Of(random.Next(1, 3), 256),
                Constraints = ["pool=manual"],
                DependsOn = _known.Count > 0 && random.Next(4) == 0 ? [AnyKnownRun()] : [],
                PreemptionMode = random.Next(4) == 0 ? PreemptionMode.Cancel : PreemptionMode.Requeue,
                Actor = Alice,
            };
            Log($"create {request.Priority} {request.Resources!.Value.Cpu} cores{(request.DependsOn.Count > 0 ? $" after run {request.DependsOn[0]}" : string.Empty)}");
            var created = await Runs.CreateAsync(request);
            if (!created.Succeeded)
            {
                // A random chain of dependencies may grow past the depth limit; that is the only acceptable refusal.
                Assert.Equal(("dependsOn", EngineErrorKind.Invalid), (created.Error.Field, created.Error.Kind));
                Assert.Contains("deep; the limit is", created.Error.Message, StringComparison.Ordinal);
                var unchanged = await Runs.GetQueueAsync();
                Assert.Equal(Shape(before), Shape(unchanged));
                return unchanged;
            }

            var run = created.Value!;
            Assert.Contains(run.State, RunStateMachine.InitialStates);
            _known.Add(run.Id);
            var after = await Runs.GetQueueAsync();
            if (run.State == RunState.UpstreamFailed)
            {
                Assert.DoesNotContain(Everything(after), r => r.Id == run.Id);
            }
            else
            {
                Assert.Contains(Everything(after), r => r.Id == run.Id);
            }

            Assert.Equal(Everything(before).Count + (run.State == RunState.UpstreamFailed ? 0 : 1), Everything(after).Count + FinishedBetween(before, after));
            return after;
        }

        private async Task<QueueSnapshot> MoveAsync(QueueSnapshot before, List<RunSnapshot> queued)
        {
            var runId = queued.Count > 0 && random.Next(5) > 0 ? Pick(queued).Id : AnyKnownRun();
            var lane = (Priority)random.Next(5);
            var sameLane = queued.Where(r => r.Priority == lane && r.Id != runId).ToList();
            long? target = random.Next(4) switch
            {
                0 => null,
                1 or 2 when sameLane.Count > 0 => Pick(sameLane).Id,
                _ => queued.Count > 0 && random.Next(5) > 0 ? Pick(queued).Id : AnyKnownRun(),
            };
            var after = target is not null && random.Next(2) == 0;
            var request = new MoveRequest { Priority = lane, BeforeRunId = after ? null : target, AfterRunId = after ? target : null, Actor = Alice };
            Log($"move run {runId} to {lane}{(target is null ? " back" : $" {(after ? "after" : "before")} run {target}")}");
            var result = await Runs.MoveAsync(runId, request);
            var snapshot = await Runs.GetQueueAsync();
            var targetRun = queued.FirstOrDefault(r => r.Id == target);
            var moving = queued.FirstOrDefault(r => r.Id == runId);
            if (moving is null || (target is not null && (targetRun is null || targetRun.Priority != lane || target == runId)))
            {
                Assert.False(result.Succeeded, "a move that cannot apply was accepted");
                if (moving is not null && targetRun is not null && targetRun.Priority != lane && !IsInheritanceRefusal(result.Error))
                {
                    Assert.Equal((EngineErrorKind.Invalid, after ? "afterRunId" : "beforeRunId"), (result.Error.Kind, result.Error.Field));
                }

                Assert.Equal(Shape(before), Shape(snapshot));
                return snapshot;
            }

            if (!result.Succeeded)
            {
                // The only other refusal: the run inherits a higher priority from a run that waits for it.
                Assert.True(IsInheritanceRefusal(result.Error), result.Error.Message);
                Assert.Equal(Shape(before), Shape(snapshot));
                return snapshot;
            }

            var laneNow = snapshot.Lanes.Single(l => l.Priority == lane).Runs.Select(r => r.Id).ToList();
            var at = laneNow.IndexOf(runId);
            if (at < 0 && snapshot.Active.Any(r => r.Id == runId && r.State == RunState.Assigned))
            {
                // A move up can let the dispatcher place the run in the same batch (room kept for a lower preemptor).
                return snapshot;
            }

            Assert.True(at >= 0, $"run {runId} is not in the {lane} lane after moving there");
            if (target is null)
            {
                Assert.Equal(laneNow.Count - 1, at);
            }
            else
            {
                Assert.Equal(target, laneNow[after ? at - 1 : at + 1]);
            }

            return snapshot;
        }

        private static bool IsInheritanceRefusal(EngineError error) =>
            error.Kind == EngineErrorKind.Conflict && error.Message.Contains("inherits", StringComparison.Ordinal);

        private async Task<QueueSnapshot> CancelAsync(QueueSnapshot before)
        {
            var runId = AnyKnownRun();
            Log($"cancel run {runId}");
            var result = await Runs.CancelAsync(runId, Alice);
            var after = await Runs.GetQueueAsync();
            var was = Everything(before).FirstOrDefault(r => r.Id == runId);
            if (was is null)
            {
                Assert.Equal(_known.Contains(runId) ? EngineErrorKind.Conflict : EngineErrorKind.NotFound, result.Error.Kind);
                Assert.Equal(Shape(before), Shape(after));
            }
            else if (was.State is RunState.Pending or RunState.Queued)
            {
                Assert.True(result.Succeeded);
                Assert.Equal(RunState.Cancelled, result.Value!.State);
                Assert.DoesNotContain(Everything(after), r => r.Id == runId);
            }
            else
            {
                Assert.True(result.Succeeded);
                Assert.Equal(StopIntent.Cancel, after.Active.Single(r => r.Id == runId).Stopping);
            }

            return after;
        }

        private async Task<QueueSnapshot> PickAsync(QueueSnapshot before, RunSnapshot run)
        {
            var worker = random.Next(5) == 0 ? "big" : Worker;
            Log($"pick run {run.Id} onto {worker}");
            var result = await Runs.PickAsync(run.Id, worker, Alice);
            var after = await Runs.GetQueueAsync();
            if (worker == "big")
            {
                Assert.Equal(EngineErrorKind.Conflict, result.Error.Kind);
                Assert.Equal(Shape(before), Shape(after));
            }
            else if (result.Succeeded)
            {
                var picked = after.Active.Single(r => r.Id == run.Id);
                Assert.Equal((RunState.Assigned, Worker), (picked.State, picked.OwnerWorker));
            }
            else
            {
                Assert.Equal(EngineErrorKind.Conflict, result.Error.Kind);
                Assert.Contains("does not fit", result.Error.Message, StringComparison.Ordinal);
                Assert.Equal(Shape(before), Shape(after));
            }

            return after;
        }

        private async Task<QueueSnapshot> StopAsync(QueueSnapshot before, RunSnapshot run, bool release)
        {
            Log($"{(release ? "release" : "preempt")} run {run.Id} ({run.State}, stopping {run.Stopping})");
            var result = release ? await Runs.ReleaseAsync(run.Id, Alice) : await Runs.PreemptAsync(run.Id, Alice);
            var after = await Runs.GetQueueAsync();
            var wanted = release ? StopIntent.Release : StopIntent.Preempt;
            if (run.Stopping is StopIntent.None || run.Stopping == wanted)
            {
                Assert.True(result.Succeeded, result.Succeeded ? null : result.Error.Message);
                Assert.Equal(wanted, after.Active.Single(r => r.Id == run.Id).Stopping);
            }
            else
            {
                Assert.Equal(EngineErrorKind.Conflict, result.Error.Kind);
                Assert.Equal(Shape(before), Shape(after));
            }

            return after;
        }

        private async Task<QueueSnapshot> ReportStartAsync(RunSnapshot run)
        {
            Log($"worker starts run {run.Id} (epoch {run.OwnerEpoch})");
            Assert.True(await Gateway.ReportStartedAsync(Worker, run.Id, run.OwnerEpoch, 1000 + (int)run.Id, null));
            var after = await Runs.GetQueueAsync();
            Assert.Equal(RunState.Running, after.Active.Single(r => r.Id == run.Id).State);
            return after;
        }

        private async Task<QueueSnapshot> ReportExitAsync(QueueSnapshot before, RunSnapshot run, ExecutionExit exit)
        {
            Log($"worker reports run {run.Id} (epoch {run.OwnerEpoch}, stopping {run.Stopping}, attempt {run.Attempt}) {exit.Kind} {exit.ExitCode}");
            var detail = (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!;
            var failuresSoFar = detail.Timeline.Count(t => t.Kind == TransitionKind.RetryScheduled);
            var expectRequeue = run.Stopping switch
            {
                StopIntent.Cancel => false,
                StopIntent.Preempt => detail.Spec.PreemptionMode == PreemptionMode.Requeue,
                StopIntent.Release => true,
                _ => exit.ExitCode != 0 && run.AgentId == _retryingAgent && failuresSoFar < 2,
            };

            Assert.True(await Gateway.ReportExitedAsync(Worker, run.Id, run.OwnerEpoch, exit));
            var after = await Runs.GetQueueAsync();
            var now = Everything(after).FirstOrDefault(r => r.Id == run.Id);
            if (expectRequeue)
            {
                Assert.NotNull(now);
                Assert.Equal(run.Attempt + 1, now.Attempt);
                Assert.True(now.State == RunState.Queued || (now.State.HoldsReservation() && now.OwnerEpoch > run.OwnerEpoch), $"run {run.Id} is {now.State} with epoch {now.OwnerEpoch}");
            }
            else
            {
                Assert.Null(now);
                var ended = (await Runs.GetAsync(run.Id, TestContext.Current.CancellationToken))!.Run.State;
                var expected = run.Stopping is StopIntent.Cancel or StopIntent.Preempt ? RunState.Cancelled : exit.ExitCode == 0 ? RunState.Succeeded : RunState.Failed;
                Assert.Equal(expected, ended);
            }

            return after;
        }

        private async Task<QueueSnapshot> StaleReportAsync(QueueSnapshot before, RunSnapshot run)
        {
            Log($"stale report for run {run.Id} (epoch {run.OwnerEpoch - 1})");
            Assert.False(await Gateway.ReportExitedAsync(Worker, run.Id, run.OwnerEpoch - 1, new ExecutionExit(ExitKind.Completed, 0, null)));
            Assert.False(await Gateway.ReportExitedAsync("big", run.Id, run.OwnerEpoch, new ExecutionExit(ExitKind.Completed, 0, null)));
            var after = await Runs.GetQueueAsync();
            Assert.Equal(Shape(before), Shape(after));
            return after;
        }

        /// <summary>
        /// Stops the host and starts a new one on the same file. The worker ignores stop orders (like one that cannot
        /// be reached), so runs it owned are still assigned or running in the database: the new engine records them lost
        /// and puts them at the front of their lanes (or ends them cancelled when a cancel was pending). Everything else
        /// must come back exactly as it was: same lanes, same order, same positions, same pending runs.
        /// </summary>
        private async Task<QueueSnapshot> RestartAsync(QueueSnapshot before)
        {
            Log("restart");
            await _host!.StopAsync(TestContext.Current.CancellationToken);
            _host.Dispose();
            _host = null;
            await StartAsync(register: false);
            var after = await Runs.GetQueueAsync();

            // A pending cancel is completed at start; runs waiting (directly or through others) on a cancelled run end
            // upstream failed, and a queued run that only borrowed their priority goes back to its own lane.
            var doomed = before.Active.Where(r => r.Stopping == StopIntent.Cancel).Select(r => r.Id).ToHashSet();
            while (before.Pending.FirstOrDefault(p => !doomed.Contains(p.Id) && p.DependsOn.Any(doomed.Contains)) is { } waiting)
            {
                doomed.Add(waiting.Id);
            }

            var lent = before.Lanes.SelectMany(l => l.Runs).Where(r => r.InheritedFrom is { } from && doomed.Contains(from)).Select(r => r.Id).ToHashSet();
            Assert.Empty(after.Active);
            Assert.Equal(
                before.Pending.Where(r => !doomed.Contains(r.Id)).Select(r => (r.Id, r.Version)).Order(),
                after.Pending.Select(r => (r.Id, r.Version)).Order());
            foreach (var upstreamFailed in before.Pending.Where(r => doomed.Contains(r.Id)))
            {
                Assert.Equal(RunState.UpstreamFailed, (await Runs.GetAsync(upstreamFailed.Id, TestContext.Current.CancellationToken))!.Run.State);
            }

            Assert.All(lent, id => Assert.Contains(after.Lanes.SelectMany(l => l.Runs), r => r.Id == id));
            var recovered = before.Active.Where(r => r.Stopping != StopIntent.Cancel).ToDictionary(r => r.Id);
            foreach (var lane in before.Lanes)
            {
                var rebuilt = after.Lanes.Single(l => l.Priority == lane.Priority).Runs.Where(r => !lent.Contains(r.Id)).ToList();
                Assert.Equal(
                    lane.Runs.Where(r => !lent.Contains(r.Id)).Select(r => (r.Id, r.QueuePosition, r.Version)),
                    rebuilt.Where(r => !recovered.ContainsKey(r.Id)).Select(r => (r.Id, r.QueuePosition, r.Version)));
                var firstOld = rebuilt.TakeWhile(r => recovered.ContainsKey(r.Id)).Count();
                Assert.All(rebuilt.Skip(firstOld), r => Assert.False(recovered.ContainsKey(r.Id), $"recovered run {r.Id} is behind runs that were already queued"));
            }

            foreach (var (id, was) in recovered)
            {
                var now = after.Lanes.SelectMany(l => l.Runs).Single(r => r.Id == id);
                Assert.Equal((was.Priority, was.Attempt + 1), (now.Priority, now.Attempt));
                Assert.Equal(TransitionKind.Lost, (await Runs.GetAsync(id, TestContext.Current.CancellationToken))!.Timeline[^1].Kind);
            }

            foreach (var cancelled in before.Active.Where(r => r.Stopping == StopIntent.Cancel))
            {
                Assert.Equal(RunState.Cancelled, (await Runs.GetAsync(cancelled.Id, TestContext.Current.CancellationToken))!.Run.State);
            }

            await CheckTimelinesAsync();
            await RegisterWorkerAsync();
            return await Runs.GetQueueAsync();
        }

        /// <summary>After every operation: every run is in exactly one place, in the place its state says, and finished runs never come back.</summary>
        private void CheckInvariants(QueueSnapshot snapshot)
        {
            var everything = Everything(snapshot);
            var duplicates = everything.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"runs {string.Join(", ", duplicates)} are in the queue twice");
            foreach (var lane in snapshot.Lanes)
            {
                Assert.All(lane.Runs, r => Assert.Equal((RunState.Queued, lane.Priority), (r.State, r.Priority)));
                var positions = lane.Runs.Select(r => r.QueuePosition).ToList();
                Assert.True(positions.SequenceEqual(positions.Order()), $"lane {lane.Priority} is not in position order: {string.Join(", ", positions)}");
            }

            Assert.All(snapshot.Active, r =>
            {
                Assert.True(r.State.HoldsReservation(), $"run {r.Id} is {r.State} among the active runs");
                Assert.Equal(Worker, r.OwnerWorker);
            });
            Assert.All(snapshot.Pending, r => Assert.Equal(RunState.Pending, r.State));
            Assert.All(everything, r => Assert.True(Enum.IsDefined(r.State) && !r.State.IsTerminal(), $"run {r.Id} is {r.State} in the queue"));
            Assert.All(everything, r => Assert.True(_known.Contains(r.Id), $"run {r.Id} was never created"));
            var present = everything.Select(r => r.Id).ToHashSet();
            Assert.All(everything, r => Assert.False(_finished.Contains(r.Id), $"run {r.Id} finished and came back"));
            _finished.UnionWith(_known.Where(id => !present.Contains(id)));
        }

        /// <summary>Every run's persisted timeline is a legal path: created in an initial state, each step allowed, ending in its state.</summary>
        private async Task CheckTimelinesAsync()
        {
            foreach (var id in _known)
            {
                var detail = (await Runs.GetAsync(id, TestContext.Current.CancellationToken))!;
                var timeline = detail.Timeline;
                Assert.Equal((TransitionKind.Created, (RunState?)null), (timeline[0].Kind, timeline[0].From));
                Assert.Contains(timeline[0].To, RunStateMachine.InitialStates);
                for (var i = 1; i < timeline.Count; i++)
                {
                    var step = timeline[i];
                    Assert.True(step.From == timeline[i - 1].To, $"run {id}: step {i} starts from {step.From} but the run was {timeline[i - 1].To}");
                    Assert.True(RunStateMachine.IsAllowed(step.From!.Value, step.To, step.Kind), $"run {id}: illegal step {step.From} → {step.To} by {step.Kind}");
                    Assert.True(step.Attempt >= timeline[i - 1].Attempt, $"run {id}: attempt went back from {timeline[i - 1].Attempt} to {step.Attempt}");
                }

                Assert.Equal(detail.Run.State, timeline[^1].To);
                if (_finished.Contains(id))
                {
                    Assert.True(detail.Run.State.IsTerminal(), $"run {id} left the queue but is {detail.Run.State}");
                }
            }
        }

        private static List<RunSnapshot> Everything(QueueSnapshot snapshot) =>
            [.. snapshot.Lanes.SelectMany(l => l.Runs), .. snapshot.Active, .. snapshot.Pending];

        private static int FinishedBetween(QueueSnapshot before, QueueSnapshot after)
        {
            var present = Everything(after).Select(r => r.Id).ToHashSet();
            return Everything(before).Count(r => !present.Contains(r.Id));
        }

        private static string Shape(QueueSnapshot snapshot) =>
            string.Join(" | ", snapshot.Lanes.Select(l => $"{l.Priority}: {string.Join(",", l.Runs.Select(r => $"{r.Id}@{r.QueuePosition}v{r.Version}"))}"))
            + $" | active {string.Join(",", snapshot.Active.Select(r => $"{r.Id}:{r.State}:{r.Stopping}v{r.Version}"))}"
            + $" | pending {string.Join(",", snapshot.Pending.Select(r => $"{r.Id}v{r.Version}"))}";
    }

    /// <summary>The test's worker: orders arrive here and are ignored; the test reports starts and exits itself.</summary>
    private sealed class PassiveWorker : IWorkerConnection
    {
        public void StartRun(StartOrder order)
        {
        }

        public void StopRun(long runId, long epoch)
        {
        }
    }
}
