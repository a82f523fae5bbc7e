using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scheduler.Dashboard.Hosting;

/// <summary>Writes <c>/health</c> as JSON: the overall status and one entry per check with its description.</summary>
internal static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
