using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Rapport.Server.Api.Contracts;

namespace Rapport.Server.Api;

/// <summary>The turn over the wire: prepare, complete, outcome, end of session; the same calls as <see cref="Rapport.SelfImprovement.RapportLoop"/>.</summary>
internal static class TurnEndpoints
{
    public static void Map(RouteGroupBuilder v1, RapportServerOptions options)
    {
        v1.MapPost("/turns", async (PrepareTurnBody body, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(await TurnCalls.PrepareAsync(t, body, options, ct).ConfigureAwait(false)))
            .WithName("PrepareTurn").WithSummary("Prepare a turn: the memory context and the recommended kinds for what the user said.");

        v1.MapPost("/turns/{turnId}/complete", async (string turnId, CompleteTurnBody body, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(await TurnCalls.CompleteAsync(t, turnId, body, options, ct).ConfigureAwait(false)))
            .WithName("CompleteTurn").WithSummary("Complete a prepared turn: score the agent's response and record it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/interventions/{id}/outcome", async (string id, OutcomeBody body, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(await TurnCalls.SetOutcomeAsync(t, id, body, ct).ConfigureAwait(false)))
            .WithName("SetOutcome").WithSummary("Record whether an intervention helped.").ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/sessions/{sessionId}/end", async (string sessionId, EndSessionBody body, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(await TurnCalls.EndSessionAsync(t, sessionId, body, ct).ConfigureAwait(false)))
            .WithName("EndSession").WithSummary("End a session: write its reflection and update the user's profile.");
    }
}
