using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Memory;
using Rapport.Server.Api.Contracts;

namespace Rapport.Server.Api;

/// <summary>Interventions, recall and recommendations: one user's memories, within the caller's tenant.</summary>
internal static class MemoryEndpoints
{
    /// <summary>The most interventions a list returns.</summary>
    public const int MaxList = 1_000;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/interventions", async (RecordBody body, TenantContext t, HttpContext http, CancellationToken ct) =>
        {
            var recorded = await t.Scope.Memory.RecordAsync(new NewIntervention
            {
                Id = http.Items.TryGetValue(IdempotencyMiddleware.RecordIdItem, out var derived) ? derived as string : null,
                UserId = t.User(body.UserId), SessionId = body.SessionId, Situation = body.Situation, Kind = body.Kind, Text = body.Text, Tool = body.Tool,
                Outcome = body.Outcome is null ? InterventionOutcome.Unknown : TenantContext.Outcome(body.Outcome), Rating = body.Rating, Metadata = body.Metadata,
            }, ct).ConfigureAwait(false);
            return TypedResults.Created($"/v1/interventions/{recorded.Id}", InterventionView.From(recorded));
        }).WithName("RecordIntervention").WithSummary("Record an intervention as given (not scored; use the turn to score).");

        v1.MapGet("/interventions/{id}", async (string id, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(InterventionView.From(await t.InterventionAsync(id, ct).ConfigureAwait(false))))
            .WithName("GetIntervention").WithSummary("Get one intervention.").ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/users/{userId}/interventions", async (
            string userId, TenantContext t, CancellationToken ct, int? limit, string? outcome, string? kind, double? minQuality, DateTimeOffset? since, DateTimeOffset? until) =>
        {
            var user = t.User(userId);
            var take = limit ?? 100;
            if (take is < 1 or > MaxList)
            {
                throw new ArgumentException($"limit must be 1-{MaxList} (got {take}).", nameof(limit));
            }

            InterventionOutcome? wanted = outcome is null ? null : TenantContext.Outcome(outcome);
            var all = await t.Scope.Memory.ListAsync(user, MaxList, ct).ConfigureAwait(false);
            return TypedResults.Ok(all
                .Where(i => (wanted is null || i.Outcome == wanted) && (kind is null || i.Kind == kind) && (minQuality is null || i.Quality >= minQuality)
                    && (since is null || i.CreatedAt >= since) && (until is null || i.CreatedAt < until))
                .Take(take).Select(InterventionView.From).ToList());
        }).WithName("ListInterventions").WithSummary("List a user's interventions, newest first, with the search filters.");

        v1.MapPost("/users/{userId}/recall", async (string userId, RecallBody body, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(await UserCalls.RecallAsync(t, userId, body, ct).ConfigureAwait(false)))
            .WithName("Recall").WithSummary("Search a user's memories for a situation.");

        v1.MapPost("/users/{userId}/recommendations", async (string userId, RecommendBody body, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(await TurnCalls.RecommendAsync(t, userId, body, ct).ConfigureAwait(false)))
            .WithName("Recommend").WithSummary("Rank kinds of intervention for a situation (reads only).");
    }
}
