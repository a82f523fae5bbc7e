namespace Scheduler.Dashboard.Api;

/// <summary>OpenAPI descriptions shared by the endpoint groups.</summary>
internal static class EndpointConventions
{
    /// <summary>Declares the problem answers an endpoint gives: 400 as a validation problem, the rest as plain problems.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder = status == StatusCodes.Status400BadRequest ? builder.ProducesValidationProblem() : builder.ProducesProblem(status);
        }

        return builder;
    }
}
