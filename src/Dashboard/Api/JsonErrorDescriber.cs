using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// Turns a JSON body that could not be read into a field path and a sentence: <c>$.resources.cpu</c> becomes
/// <c>resources.cpu</c>, and the expected type is looked up on the request contract (so an unknown enum string says
/// which values are allowed). Syntax errors and errors at the root are reported on <c>body</c>.
/// </summary>
internal static partial class JsonErrorDescriber
{
    public const string BodyField = "body";

    public static (string Field, string Message) Describe(JsonException error, Type? bodyType, JsonSerializerOptions options)
    {
        if (error.InnerException is JsonException syntax)
        {
            return (BodyField, $"The request body is not valid JSON: {syntax.Message}");
        }

        var segments = Segments(error.Path);
        if (segments.Count == 0)
        {
            return (BodyField, "The request body must be a JSON object.");
        }

        var field = string.Join('.', segments).Replace(".[", "[", StringComparison.Ordinal);
        var expected = TypeAt(bodyType, segments, options) is { } type ? Expected(type, options) : "a valid value";
        return (field, $"{field} must be {expected}.");
    }

    private static List<string> Segments(string? path)
    {
        var segments = new List<string>();
        foreach (Match match in PathSegment().Matches(path ?? string.Empty))
        {
            segments.Add(match.Groups["index"].Success ? $"[{match.Groups["index"].Value}]" : match.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal));
        }

        return segments;
    }

    private static Type? TypeAt(Type? type, List<string> segments, JsonSerializerOptions options)
    {
        foreach (var segment in segments)
        {
            if (type is null)
            {
                return null;
            }

            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            type = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => info.ElementType,
                _ => null,
            };
        }

        return type;
    }

    private static string Expected(Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return WireNames.OneOf(type);
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => "a string",
            TypeCode.Boolean => "true or false",
            TypeCode.Int32 or TypeCode.Int64 => "a whole number",
            TypeCode.Double => "a number",
            _ when type == typeof(DateTimeOffset) => "an ISO 8601 date and time",
            _ => options.GetTypeInfo(type).Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Dictionary => "an object of string values",
                _ => "an object",
            },
        };
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
