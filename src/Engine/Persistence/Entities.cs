namespace Scheduler.Engine.Persistence;

// Stored shapes. They are not the engine's public types: Persistence maps between the two, and the
// engine's run store writes these tables with hand-written SQL that uses the same snake_case names.

internal sealed class AgentEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public int ExecutionEnvironment { get; set; }

    public required string Command { get; set; }

    public required string ArgsJson { get; set; }

    public string? WorkingDirectory { get; set; }

    public required string EnvironmentJson { get; set; }

    public long CpuMillicores { get; set; }

    public long MemoryMb { get; set; }

    public long Gpu { get; set; }

    public long BandwidthMbps { get; set; }

    public long StorageMb { get; set; }

    public int TimeoutSeconds { get; set; }

    public int RetryAttempts { get; set; }

    public double RetryBackoffSeconds { get; set; }

    public int? MaxConcurrency { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? DeletedAt { get; set; }

    public long Version { get; set; }
}

internal sealed class ScheduleEntity
{
    public int Id { get; set; }

    public int AgentId { get; set; }

    public string? Name { get; set; }

    public int Type { get; set; }

    public int Priority { get; set; }

    public int TriggerType { get; set; }

    public string? Cron { get; set; }

    public string? TimeZone { get; set; }

    public int Misfire { get; set; }

    public string? EventName { get; set; }

    public int? UpstreamScheduleId { get; set; }

    public string? ConditionJson { get; set; }

    public long? CpuMillicores { get; set; }

    public long? MemoryMb { get; set; }

    public long? Gpu { get; set; }

    public long? BandwidthMbps { get; set; }

    public long? StorageMb { get; set; }

    public required string DependenciesJson { get; set; }

    public required string ConstraintsJson { get; set; }

    public required string ParametersJson { get; set; }

    public bool Paused { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? DeletedAt { get; set; }

    public long Version { get; set; }
}

internal sealed class RunEntity
{
    public long Id { get; set; }

    public int AgentId { get; set; }

    public int? ScheduleId { get; set; }

    public int State { get; set; }

    public int Priority { get; set; }

    public int RequestedPriority { get; set; }

    public int BasePriority { get; set; }

    public long? InheritedFrom { get; set; }

    public int Depth { get; set; }

    public long QueuePosition { get; set; }

    public int Attempt { get; set; }

    public int Failures { get; set; }

    public long CpuMillicores { get; set; }

    public long MemoryMb { get; set; }

    public long Gpu { get; set; }

    public long BandwidthMbps { get; set; }

    public long StorageMb { get; set; }

    public string? OwnerWorker { get; set; }

    public long OwnerEpoch { get; set; }

    public int StopIntent { get; set; }

    public int Trigger { get; set; }

    public required string CreatedBy { get; set; }

    public long CreatedAt { get; set; }

    public long? QueuedAt { get; set; }

    public long? NotBefore { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public int? ExitCode { get; set; }

    public string? Error { get; set; }

    public int? Pid { get; set; }

    public long? PidStartTicks { get; set; }

    public required string SpecJson { get; set; }

    public long Version { get; set; }
}

internal sealed class RunTransitionEntity
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public long At { get; set; }

    public int? FromState { get; set; }

    public int ToState { get; set; }

    public int Kind { get; set; }

    public int Attempt { get; set; }

    public string? Worker { get; set; }

    public required string Actor { get; set; }

    public string? Reason { get; set; }
}

internal sealed class RunDependencyEntity
{
    public long RunId { get; set; }

    public long DependsOnRunId { get; set; }
}
