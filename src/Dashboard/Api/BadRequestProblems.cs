using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// Problem details for requests minimal APIs could not bind (they throw <see cref="BadHttpRequestException"/>
/// because <c>ThrowOnBadRequest</c> is on): malformed or mistyped JSON, a missing body, a route value of the wrong
/// type. Each names the field at fault, like the engine's own refusals.
/// </summary>
internal static partial class BadRequestProblems
{
    public static IResult From(HttpContext context, BadHttpRequestException error, JsonSerializerOptions options)
    {
        if (error.StatusCode != StatusCodes.Status400BadRequest)
        {
            return TypedResults.Problem(error.Message, statusCode: error.StatusCode);
        }

        if (error.InnerException is JsonException json)
        {
            var bodyType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var (field, message) = JsonErrorDescriber.Describe(json, bodyType, options);
            return ApiProblems.Invalid(field, message);
        }

        if (BindingFailed().Match(error.Message) is { Success: true } binding)
        {
            var name = binding.Groups["name"].Value;
            return ApiProblems.Invalid(name, $"'{binding.Groups["value"].Value}' is not a valid {name}: expected {Expected(binding.Groups["type"].Value)}.");
        }

        return error.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? ApiProblems.Invalid(JsonErrorDescriber.BodyField, "A JSON request body is required.")
            : ApiProblems.Invalid(string.Empty, error.Message);
    }

    private static string Expected(string type) => type switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        _ => $"a {type}",
    };

    // The message minimal APIs use for a route or query value they cannot convert.
    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\" ]+) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();
}
