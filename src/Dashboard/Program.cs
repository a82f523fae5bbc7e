using Scheduler.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSchedulerDashboard();

var app = builder.Build();
app.UseSchedulerDashboard();
app.Run();

/// <summary>The dashboard host; public so <c>WebApplicationFactory&lt;Program&gt;</c> can start it in tests.</summary>
public partial class Program;
