using Scheduler.Engine.Runs;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// The one place refusals become HTTP answers, always RFC 7807 problem details (<c>application/problem+json</c>):
/// Invalid → 400 with <c>errors</c> keyed by field path; NotFound → 404; Conflict → 409, with <c>errors</c> when the
/// refusal names a field.
/// </summary>
public static class ApiProblems
{
    /// <summary>The answer to a refused command: its value through <paramref name="ok"/>, or its errors as a problem.</summary>
    public static IResult ToResult<T>(this EngineResult<T> result, Func<T, IResult> ok) =>
        result.Succeeded ? ok(result.Value!) : From(result.Errors);

    /// <summary>The problem for a refusal. Its first error decides the status; every error of that kind is reported.</summary>
    public static IResult From(IReadOnlyList<EngineError> errors)
    {
        var kind = errors[0].Kind;
        var same = errors.Where(e => e.Kind == kind).ToList();
        var detail = string.Join(" ", same.Select(e => e.Message));
        var fields = same
            .GroupBy(e => e.Field ?? string.Empty)
            .Where(g => kind == EngineErrorKind.Invalid || g.Key.Length > 0)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        if (kind == EngineErrorKind.Invalid)
        {
            return TypedResults.ValidationProblem(fields, detail, title: "The request is invalid.");
        }

        var status = kind == EngineErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        return fields.Count > 0
            ? TypedResults.Problem(new HttpValidationProblemDetails(fields) { Status = status, Detail = detail, Title = kind == EngineErrorKind.NotFound ? "Not Found" : "Conflict" })
            : TypedResults.Problem(detail, statusCode: status);
    }

    /// <summary>400 naming one bad input.</summary>
    public static IResult Invalid(string field, string message) => From([EngineError.Invalid(field, message)]);

    /// <summary>404 for a thing that does not exist.</summary>
    public static IResult NotFound(string message) => From([EngineError.NotFound(message)]);
}
