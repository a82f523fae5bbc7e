using Microsoft.EntityFrameworkCore;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// The engine's EF Core model. Internal on purpose: the dashboard and the API reach the data only through
/// engine commands and read services, never through this context.
/// </summary>
internal sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<EngineSettingEntity> EngineSettings => Set<EngineSettingEntity>();

    public DbSet<AgentEntity> Agents => Set<AgentEntity>();

    public DbSet<ScheduleEntity> Schedules => Set<ScheduleEntity>();

    public DbSet<RunEntity> Runs => Set<RunEntity>();

    public DbSet<RunTransitionEntity> RunTransitions => Set<RunTransitionEntity>();

    public DbSet<RunDependencyEntity> RunDependencies => Set<RunDependencyEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulerDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
