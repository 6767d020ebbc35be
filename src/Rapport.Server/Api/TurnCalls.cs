using Microsoft.Extensions.AI;
using Rapport.Recording;
using Rapport.SelfImprovement;
using Rapport.Server.Api.Contracts;
using Rapport.Server.State;

namespace Rapport.Server.Api;

/// <summary>The turn's calls as the HTTP endpoints and the MCP tools both make them: one path, one set of messages.</summary>
internal static class TurnCalls
{
    /// <summary>Prepares a turn and keeps it for completion.</summary>
    public static async Task<PreparedTurnView> PrepareAsync(TenantContext t, PrepareTurnBody body, RapportServerOptions options, CancellationToken ct)
    {
        var turn = await t.Scope.Loop.PrepareTurnAsync(
            new TurnRequest { UserId = t.User(body.UserId), SessionId = body.SessionId, Situation = body.Situation, Kinds = body.Kinds }, ct).ConfigureAwait(false);
        await t.Scope.Turns.AddAsync(PendingTurn.From(turn), ct).ConfigureAwait(false);
        return new PreparedTurnView(
            turn.Id, turn.UserId, turn.SessionId, ContextView.From(turn.Context), RecommendationView.From(turn.Recommendation),
            [.. turn.Hits.Select(HitView.From)], options.TimeProvider.GetUtcNow() + options.PreparedTurnLifetime);
    }

    /// <summary>Scores the agent's response to a prepared turn and records it.</summary>
    /// <exception cref="NotFoundException">No such prepared turn for this key.</exception>
    public static async Task<CompletedTurnView> CompleteAsync(TenantContext t, string turnId, CompleteTurnBody body, RapportServerOptions options, CancellationToken ct)
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

        return new CompletedTurnView(InterventionView.From(recorded.Intervention), recorded.IsLowQuality);
    }

    /// <summary>Records whether an intervention helped.</summary>
    /// <exception cref="NotFoundException">No live intervention with that id for this key.</exception>
    public static async Task<InterventionView> SetOutcomeAsync(TenantContext t, string id, OutcomeBody body, CancellationToken ct)
    {
        var outcome = TenantContext.Outcome(body.Outcome);
        _ = await t.InterventionAsync(id, ct).ConfigureAwait(false);
        var updated = await t.Scope.Loop.SetOutcomeAsync(id, outcome, body.Rating, ct).ConfigureAwait(false)
            ?? throw new NotFoundException($"No live intervention '{id}' in this tenant.");
        return InterventionView.From(updated);
    }

    /// <summary>Ends a session: its reflection and the updated profile.</summary>
    public static async Task<EndedSessionView> EndSessionAsync(TenantContext t, string sessionId, EndSessionBody body, CancellationToken ct)
    {
        var ended = await t.Scope.Loop.EndSessionAsync(t.User(body.UserId), sessionId, ct).ConfigureAwait(false);
        return new EndedSessionView(ended.Reflection, ended.Profile);
    }

    /// <summary>Ranks kinds for a situation without keeping a turn.</summary>
    public static async Task<RecommendationView> RecommendAsync(TenantContext t, string? userId, RecommendBody body, CancellationToken ct)
    {
        var turn = await t.Scope.Loop.PrepareTurnAsync(new TurnRequest { UserId = t.User(userId), Situation = body.Situation, Kinds = body.Kinds }, ct).ConfigureAwait(false);
        return RecommendationView.From(turn.Recommendation);
    }
}
