using Scheduler.Engine.Agents;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Scheduling;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Persistence;

/// <summary>The one mapping between stored rows and the engine's types.</summary>
internal static class EntityMapping
{
    public static AgentInfo ToInfo(AgentEntity e) => new(
        e.Id,
        new AgentDefinition
        {
            Name = e.Name,
            Description = e.Description,
            ExecutionEnvironment = (ExecutionEnvironment)e.ExecutionEnvironment,
            Command = e.Command,
            Args = EngineJson.ReadStrings(e.ArgsJson),
            WorkingDirectory = e.WorkingDirectory,
            Environment = EngineJson.ReadMap(e.EnvironmentJson),
            Resources = new ResourceVector(e.CpuMillicores, e.MemoryMb, e.Gpu, e.BandwidthMbps, e.StorageMb),
            TimeoutSeconds = e.TimeoutSeconds,
            Retry = new RetryPolicy(e.RetryAttempts, e.RetryBackoffSeconds),
            MaxConcurrency = e.MaxConcurrency,
        },
        Time.FromMs(e.CreatedAt),
        Time.FromMs(e.UpdatedAt),
        e.Version);

    public static void Apply(AgentEntity e, AgentInfo agent)
    {
        var d = agent.Definition;
        e.Name = d.Name;
        e.Description = d.Description;
        e.ExecutionEnvironment = (int)d.ExecutionEnvironment;
        e.Command = d.Command;
        e.ArgsJson = EngineJson.Write(d.Args);
        e.WorkingDirectory = d.WorkingDirectory;
        e.EnvironmentJson = EngineJson.Write(d.Environment);
        e.CpuMillicores = d.Resources.CpuMillicores;
        e.MemoryMb = d.Resources.MemoryMb;
        e.Gpu = d.Resources.Gpu;
        e.BandwidthMbps = d.Resources.BandwidthMbps;
        e.StorageMb = d.Resources.StorageMb;
        e.TimeoutSeconds = d.TimeoutSeconds;
        e.RetryAttempts = d.Retry.Attempts;
        e.RetryBackoffSeconds = d.Retry.BackoffSeconds;
        e.MaxConcurrency = d.MaxConcurrency;
        e.CreatedAt = Time.ToMs(agent.CreatedAt);
        e.UpdatedAt = Time.ToMs(agent.UpdatedAt);
        e.Version = agent.Version;
    }

    public static ScheduleInfo ToInfo(ScheduleEntity e) => new(
        e.Id,
        new ScheduleDefinition
        {
            AgentId = e.AgentId,
            Name = e.Name,
            Type = (ScheduleType)e.Type,
            Priority = (Priority)e.Priority,
            Trigger = new ScheduleTrigger
            {
                Type = (TriggerType)e.TriggerType,
                Cron = e.Cron,
                TimeZone = e.TimeZone,
                Misfire = (MisfirePolicy)e.Misfire,
                Event = e.EventName,
                UpstreamScheduleId = e.UpstreamScheduleId,
                Condition = e.ConditionJson is null ? null : EngineJson.ReadCondition(e.ConditionJson),
            },
            Resources = e.CpuMillicores is null
                ? null
                : new ResourceVector(e.CpuMillicores.Value, e.MemoryMb ?? 0, e.Gpu ?? 0, e.BandwidthMbps ?? 0, e.StorageMb ?? 0),
            Dependencies = EngineJson.ReadInts(e.DependenciesJson),
            Constraints = EngineJson.ReadStrings(e.ConstraintsJson),
            Parameters = EngineJson.ReadMap(e.ParametersJson),
        },
        e.Paused,
        Time.FromMs(e.CreatedAt),
        Time.FromMs(e.UpdatedAt),
        e.Version);

    public static void Apply(ScheduleEntity e, ScheduleInfo schedule)
    {
        var d = schedule.Definition;
        e.AgentId = d.AgentId;
        e.Name = d.Name;
        e.Type = (int)d.Type;
        e.Priority = (int)d.Priority;
        e.TriggerType = (int)d.Trigger.Type;
        e.Cron = d.Trigger.Cron;
        e.TimeZone = d.Trigger.TimeZone;
        e.Misfire = (int)d.Trigger.Misfire;
        e.EventName = d.Trigger.Event;
        e.UpstreamScheduleId = d.Trigger.UpstreamScheduleId;
        e.ConditionJson = d.Trigger.Condition is null ? null : EngineJson.Write(d.Trigger.Condition);
        e.CpuMillicores = d.Resources?.CpuMillicores;
        e.MemoryMb = d.Resources?.MemoryMb;
        e.Gpu = d.Resources?.Gpu;
        e.BandwidthMbps = d.Resources?.BandwidthMbps;
        e.StorageMb = d.Resources?.StorageMb;
        e.DependenciesJson = EngineJson.Write(d.Dependencies);
        e.ConstraintsJson = EngineJson.Write(d.Constraints);
        e.ParametersJson = EngineJson.Write(d.Parameters);
        e.Paused = schedule.Paused;
        e.CreatedAt = Time.ToMs(schedule.CreatedAt);
        e.UpdatedAt = Time.ToMs(schedule.UpdatedAt);
        e.Version = schedule.Version;
    }

    public static RunRecord ToRecord(RunEntity e, string agentName, IReadOnlyList<long> dependsOn) => new()
    {
        Id = e.Id,
        AgentId = e.AgentId,
        AgentName = agentName,
        ScheduleId = e.ScheduleId,
        State = (RunState)e.State,
        Priority = (Priority)e.Priority,
        RequestedPriority = (Priority)e.RequestedPriority,
        BasePriority = (Priority)e.BasePriority,
        InheritedFrom = e.InheritedFrom,
        Depth = e.Depth,
        QueuePosition = e.QueuePosition,
        Attempt = e.Attempt,
        Failures = e.Failures,
        Resources = new ResourceVector(e.CpuMillicores, e.MemoryMb, e.Gpu, e.BandwidthMbps, e.StorageMb),
        OwnerWorker = e.OwnerWorker,
        OwnerEpoch = e.OwnerEpoch,
        Stopping = (StopIntent)e.StopIntent,
        Trigger = (TriggerType)e.Trigger,
        CreatedBy = e.CreatedBy,
        CreatedAt = Time.FromMs(e.CreatedAt),
        QueuedAt = Time.FromMs(e.QueuedAt),
        NotBefore = Time.FromMs(e.NotBefore),
        StartedAt = Time.FromMs(e.StartedAt),
        FinishedAt = Time.FromMs(e.FinishedAt),
        ExitCode = e.ExitCode,
        Error = e.Error,
        Pid = e.Pid,
        PidStartTicks = e.PidStartTicks,
        Spec = EngineJson.ReadSpec(e.SpecJson),
        Version = e.Version,
        DependsOn = dependsOn,
    };

    public static RunTimelineEntry ToTimeline(RunTransitionEntity t) => new(
        Time.FromMs(t.At),
        t.FromState is null ? null : (RunState)t.FromState.Value,
        (RunState)t.ToState,
        (TransitionKind)t.Kind,
        t.Attempt,
        t.Worker,
        Actor.Parse(t.Actor),
        t.Reason);
}
