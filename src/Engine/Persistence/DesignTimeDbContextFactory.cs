using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Scheduler.Engine.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting a host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SchedulerDbContext>
{
    public SchedulerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), "scheduler-design.db")}")
            .Options);
}
