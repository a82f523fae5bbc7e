using System.Text.Json;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// Enum values as they appear on the wire: lowercase snake_case (<c>timed_out</c>, <c>on_demand</c>), the same
/// names the JSON converter of <see cref="ApiJson"/> reads and writes, for query strings and error messages.
/// </summary>
public static class WireNames
{
    /// <summary>The wire name of an enum value.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Every wire name of an enum type, in declaration order.</summary>
    public static IReadOnlyList<string> All(Type enumType) =>
        [.. Enum.GetNames(enumType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)];

    /// <summary>Reads a wire name (exactly as written, no numbers).</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"one of a, b, c", for messages.</summary>
    public static string OneOf(Type enumType) => $"one of {string.Join(", ", All(enumType))}";
}
