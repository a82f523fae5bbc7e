using System.Globalization;
using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// Reads query-string values by hand so a bad one is a 400 naming the query parameter, and enum values use the
/// same snake_case names as the JSON bodies.
/// </summary>
internal static class QueryValues
{
    public static int Int(string? text, string name, int min, int max, int fallback, List<EngineError> errors) =>
        (int)Long(text, name, min, max, fallback, errors);

    public static long Long(string? text, string name, long min, long max, long fallback, List<EngineError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(EngineError.Invalid(name, $"{name} must be a whole number from {min} to {max} (was '{text}')."));
        return fallback;
    }

    public static int? OptionalInt(string? text, string name, List<EngineError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(EngineError.Invalid(name, $"{name} must be a whole number (was '{text}')."));
        return null;
    }

    public static bool Bool(string? text, string name, bool fallback, List<EngineError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(EngineError.Invalid(name, $"{name} must be true or false (was '{text}')."));
        return fallback;
    }

    public static T? Enum<T>(string? text, string name, List<EngineError> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (WireNames.TryParse<T>(text, out var value))
        {
            return value;
        }

        errors.Add(EngineError.Invalid(name, $"'{text}' is not a valid {name}; use {WireNames.OneOf(typeof(T))}."));
        return null;
    }
}
