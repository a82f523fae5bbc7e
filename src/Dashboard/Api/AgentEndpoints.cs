using Scheduler.Dashboard.Security;
using Scheduler.Engine.Agents;

namespace Scheduler.Dashboard.Api;

/// <summary><c>/api/agents</c>: the agents registry. Changes need <see cref="SchedulerPolicies.Admin"/>.</summary>
internal static class AgentEndpoints
{
    public static void MapAgentEndpoints(this IEndpointRouteBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet(string.Empty, ListAsync).WithName("ListAgents")
            .WithSummary("Lists every agent, by name.")
            .Produces<ListResponse<AgentResponse>>();
        agents.MapGet("/{id}", GetAsync).WithName("GetAgent")
            .WithSummary("Gets one agent.")
            .Produces<AgentResponse>().ProducesProblems(400, 404);
        agents.MapPost(string.Empty, CreateAsync).WithName("CreateAgent").RequireAuthorization(SchedulerPolicies.Admin)
            .WithSummary("Registers an agent; its name must be unique.")
            .Produces<AgentResponse>(StatusCodes.Status201Created).ProducesProblems(400, 409);
        agents.MapPut("/{id}", UpdateAsync).WithName("UpdateAgent").RequireAuthorization(SchedulerPolicies.Admin)
            .WithSummary("Replaces an agent's definition; send the version you edited to be refused (409) if it changed since.")
            .Produces<AgentResponse>().ProducesProblems(400, 404, 409);
        agents.MapDelete("/{id}", DeleteAsync).WithName("DeleteAgent").RequireAuthorization(SchedulerPolicies.Admin)
            .WithSummary("Deletes an agent that no schedule uses and that has no unfinished run; its history stays.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 404, 409);
    }

    private static async Task<IResult> ListAsync(IAgentService agents)
    {
        var all = await agents.ListAsync();
        return TypedResults.Ok(new ListResponse<AgentResponse>([.. all.Select(a => a.ToResponse())], all.Count));
    }

    private static async Task<IResult> GetAsync(int id, IAgentService agents) =>
        await agents.GetAsync(id) is { } agent ? TypedResults.Ok(agent.ToResponse()) : ApiProblems.NotFound($"Agent {id} does not exist.");

    private static async Task<IResult> CreateAsync(AgentRequest request, IAgentService agents)
    {
        var definition = request.ToDefinition();
        if (!definition.Succeeded)
        {
            return ApiProblems.From(definition.Errors);
        }

        var created = await agents.CreateAsync(definition.Value!);
        return created.ToResult(agent => TypedResults.CreatedAtRoute(agent.ToResponse(), "GetAgent", new { id = agent.Id }));
    }

    private static async Task<IResult> UpdateAsync(int id, AgentRequest request, IAgentService agents)
    {
        var definition = request.ToDefinition();
        if (!definition.Succeeded)
        {
            return ApiProblems.From(definition.Errors);
        }

        var updated = await agents.UpdateAsync(id, definition.Value!, request.Version);
        return updated.ToResult(agent => TypedResults.Ok(agent.ToResponse()));
    }

    private static async Task<IResult> DeleteAsync(int id, IAgentService agents) =>
        (await agents.DeleteAsync(id)).ToResult(_ => TypedResults.NoContent());
}
