using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Rapport.Recording;
using Rapport.SelfImprovement;
using Rapport.Server.Api.Contracts;
using Rapport.Server.State;

namespace Rapport.Server.Api;

/// <summary>The turn over the wire: prepare, complete, outcome, end of session; the same calls as <see cref="RapportLoop"/>.</summary>
internal static class TurnEndpoints
{
    public static void Map(RouteGroupBuilder v1, RapportServerOptions options)
    {
        v1.MapPost("/turns", async (PrepareTurnBody body, TenantContext t, CancellationToken ct) =>
        {
            var turn = await t.Scope.Loop.PrepareTurnAsync(
                new TurnRequest { UserId = t.User(body.UserId), SessionId = body.SessionId, Situation = body.Situation, Kinds = body.Kinds }, ct).ConfigureAwait(false);
            await t.Scope.Turns.AddAsync(PendingTurn.From(turn), ct).ConfigureAwait(false);
            return TypedResults.Ok(new PreparedTurnView(
                turn.Id, turn.UserId, turn.SessionId, ContextView.From(turn.Context), RecommendationView.From(turn.Recommendation),
                [.. turn.Hits.Select(HitView.From)], options.TimeProvider.GetUtcNow() + options.PreparedTurnLifetime));
        }).WithName("PrepareTurn").WithSummary("Prepare a turn: the memory context and the recommended kinds for what the user said.");

        v1.MapPost("/turns/{turnId}/complete", async (string turnId, CompleteTurnBody body, TenantContext t, CancellationToken ct) =>
        {
            var turn = await t.TakeTurnAsync(turnId, options.PreparedTurnLifetime, ct).ConfigureAwait(false);
            RecordedIntervention recorded;
            try
            {
                recorded = await t.Scope.Loop.CompleteTurnAsync(
                    turn.ToPreparedTurn(), new ChatResponse(new ChatMessage(ChatRole.Assistant, body.Response)), new TurnCompletion { Kind = body.Kind }, ct)
                    .ConfigureAwait(false);
            }
            catch
            {
                // Nothing was recorded (a bad kind, the store down): the turn waits again for a corrected retry.
                await t.Scope.Turns.AddAsync(turn, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            return TypedResults.Ok(new CompletedTurnView(InterventionView.From(recorded.Intervention), recorded.IsLowQuality));
        }).WithName("CompleteTurn").WithSummary("Complete a prepared turn: score the agent's response and record it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/interventions/{id}/outcome", async (string id, OutcomeBody body, TenantContext t, CancellationToken ct) =>
        {
            var outcome = TenantContext.Outcome(body.Outcome);
            _ = await t.InterventionAsync(id, ct).ConfigureAwait(false);
            var updated = await t.Scope.Loop.SetOutcomeAsync(id, outcome, body.Rating, ct).ConfigureAwait(false)
                ?? throw new NotFoundException($"No live intervention '{id}' in this tenant.");
            return TypedResults.Ok(InterventionView.From(updated));
        }).WithName("SetOutcome").WithSummary("Record whether an intervention helped.").ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapPost("/sessions/{sessionId}/end", async (string sessionId, EndSessionBody body, TenantContext t, CancellationToken ct) =>
        {
            var ended = await t.Scope.Loop.EndSessionAsync(t.User(body.UserId), sessionId, ct).ConfigureAwait(false);
            return TypedResults.Ok(new EndedSessionView(ended.Reflection, ended.Profile));
        }).WithName("EndSession").WithSummary("End a session: write its reflection and update the user's profile.");
    }
}
