using Microsoft.EntityFrameworkCore;

namespace Scheduler.Engine.Persistence;

/// <summary>
/// The engine's EF Core model. Internal on purpose: the dashboard and the API reach the data only through
/// engine commands and read services, never through this context.
/// </summary>
internal sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<EngineSettingEntity> EngineSettings => Set<EngineSettingEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulerDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
