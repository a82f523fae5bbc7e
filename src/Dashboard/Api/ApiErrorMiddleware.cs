using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scheduler.Engine.Scheduling;

namespace Scheduler.Dashboard.Api;

/// <summary>
/// Guarantees problem details on every error under <c>/api</c>: binding failures become 400 problems naming the
/// field, an unknown route or method gets a 404 or 405 problem instead of an empty body (or the UI's not-found
/// page), and an unexpected exception a 500 problem without internals (it is logged).
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, IOptions<JsonOptions> json, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        IResult? problem;
        try
        {
            await next(context);
            problem = ForEmptyError(context);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            problem = BadRequestProblems.From(context, error, json.Value.SerializerOptions);
            context.Response.Clear();
        }
        catch (EngineStoppedException error) when (!context.Response.HasStarted)
        {
            problem = TypedResults.Problem(error.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            context.Response.Clear();
        }
        catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(logger, error, context.Request.Method, context.Request.Path);
            problem = TypedResults.Problem("The server failed to answer; the error was logged.", statusCode: StatusCodes.Status500InternalServerError);
            context.Response.Clear();
        }

        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
        }
    }

    /// <summary>A problem for an error status that nothing wrote a body for (no route, wrong method, refused access).</summary>
    private static ProblemHttpResult? ForEmptyError(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
        {
            return null;
        }

        var detail = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"There is no {request.Path} in the API.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; allowed: {response.Headers.Allow}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON, with Content-Type: application/json.",
            _ => null,
        };
        return TypedResults.Problem(detail, statusCode: response.StatusCode);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string method, PathString path);
}
