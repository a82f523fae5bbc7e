using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Scheduler.Dashboard.Api;

/// <summary>The API's JSON conventions, applied to the HTTP JSON options (minimal APIs, problem details, OpenAPI).</summary>
public static class ApiJson
{
    /// <summary>
    /// camelCase properties (the web defaults), enums as snake_case strings in and out with numbers refused, numbers
    /// as JSON numbers (not strings) except the named literals <c>"NaN"</c> and <c>"Infinity"</c>, accepted so such
    /// amounts reach validation and get a clear error, and <c>null</c> refused where the contract does not allow it.
    /// </summary>
    public static void Configure(JsonOptions options) => Apply(options.SerializerOptions);

    /// <summary>The same conventions on any serializer options (the SignalR hub uses them too).</summary>
    public static void Apply(JsonSerializerOptions json)
    {
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        json.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        json.RespectNullableAnnotations = true;
    }
}
