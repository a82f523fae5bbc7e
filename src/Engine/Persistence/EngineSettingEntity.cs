using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Scheduler.Engine.Persistence;

/// <summary>A small key/value row for facts the engine keeps about itself (for example the change feed's high-water mark).</summary>
internal sealed class EngineSettingEntity
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}

internal sealed class EngineSettingConfiguration : IEntityTypeConfiguration<EngineSettingEntity>
{
    public void Configure(EntityTypeBuilder<EngineSettingEntity> builder)
    {
        builder.HasKey(e => e.Key);
        builder.Property(e => e.Key).HasMaxLength(100);
    }
}
