using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Scheduler.Engine.Persistence;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<AgentEntity>
{
    public void Configure(EntityTypeBuilder<AgentEntity> builder)
    {
        builder.ToTable("agents");
        builder.Property(a => a.Name).HasMaxLength(100).UseCollation("NOCASE");
        // Names are unique among live agents; a deleted agent keeps its name for the history that mentions it.
        builder.HasIndex(a => a.Name).IsUnique().HasFilter("deleted_at IS NULL");
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class ScheduleConfiguration : IEntityTypeConfiguration<ScheduleEntity>
{
    public void Configure(EntityTypeBuilder<ScheduleEntity> builder)
    {
        builder.ToTable("schedules");
        builder.HasOne<AgentEntity>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.EventName);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class RunConfiguration : IEntityTypeConfiguration<RunEntity>
{
    public void Configure(EntityTypeBuilder<RunEntity> builder)
    {
        builder.ToTable("runs");
        // The engine assigns run ids itself so a batch of new runs needs no round trip per row.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<AgentEntity>().WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ScheduleEntity>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => r.State);
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => new { r.AgentId, r.CreatedAt });
        builder.HasIndex(r => new { r.ScheduleId, r.Id });
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class RunTransitionConfiguration : IEntityTypeConfiguration<RunTransitionEntity>
{
    public void Configure(EntityTypeBuilder<RunTransitionEntity> builder)
    {
        builder.ToTable("run_transitions");
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.RunId, t.Id });
    }
}

internal sealed class RunDependencyConfiguration : IEntityTypeConfiguration<RunDependencyEntity>
{
    public void Configure(EntityTypeBuilder<RunDependencyEntity> builder)
    {
        builder.ToTable("run_dependencies");
        builder.HasKey(d => new { d.RunId, d.DependsOnRunId });
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(d => d.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(d => d.DependsOnRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.DependsOnRunId);
    }
}
