using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;
using Rapport.Server.Api;

namespace Rapport.Server.Evaluations;

/// <summary>Evaluation runs of the caller's tenant: start (runs within the request), list, show, compare; the runner, run store and comparison
/// of <c>rapport eval</c>. Runs belong to the tenant, so a key bound to one user may not use them.</summary>
internal static class EvaluationEndpoints
{
    /// <summary>The most runs a comparison takes.</summary>
    public const int MaxCompared = 10;

    public static void Map(RouteGroupBuilder v1, RapportServerOptions options)
    {
        var group = v1.MapGroup("/evaluations").WithTags("evaluations");
        group.MapPost("", async (StartEvaluationBody body, TenantContext t, EvaluationRunStores stores, EvaluationStarter starter, CancellationToken ct) =>
        {
            var run = await starter.RunAsync(body, Store(t, stores), ct).ConfigureAwait(false);
            return TypedResults.Created($"/v1/evaluations/{run.Id}", RunSummary.Of(run));
        }).WithName("StartEvaluation")
            .WithSummary("Run a dataset through recorded responses (or the configured chat target), score every response and save the run.")
            .WithDescription($"Runs within the request and answers 201 with the run's summary; a dataset may have up to {options.MaxEvaluationCases} cases " +
                "(MaxEvaluationCases), and the body up to MaxEvaluationBodyBytes. If the client goes away the run stops and nothing is saved.")
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxEvaluationBodyBytes));

        group.MapGet("", async (TenantContext t, EvaluationRunStores stores, CancellationToken ct, int? limit) =>
        {
            var take = limit ?? 100;
            if (take is < 1 or > 1000)
            {
                throw new ArgumentException($"limit must be 1-1000 (got {take}).", nameof(limit));
            }

            var runs = await Store(t, stores).ListAsync(ct).ConfigureAwait(false);
            return TypedResults.Ok(runs.Take(take).Select(RunSummary.Of).ToList());
        }).WithName("ListEvaluations").WithSummary("List the tenant's evaluation runs, newest first, as summaries.");

        group.MapGet("/{runId}", async (string runId, TenantContext t, EvaluationRunStores stores, CancellationToken ct) =>
            TypedResults.Ok(await FindAsync(Store(t, stores), runId, ct).ConfigureAwait(false)))
            .WithName("GetEvaluation").WithSummary("Show one run with every case (its id, or a unique start or end of it).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/compare", async (string runs, TenantContext t, EvaluationRunStores stores, CancellationToken ct, double? tolerance) =>
        {
            var ids = runs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length is < 2 or > MaxCompared)
            {
                throw new ArgumentException($"runs must name 2-{MaxCompared} runs separated by commas, the baseline first (got {ids.Length}).", nameof(runs));
            }

            if (tolerance is < 0 or > 1)
            {
                throw new ArgumentException($"tolerance must be 0-1 (got {tolerance}).", nameof(tolerance));
            }

            var store = Store(t, stores);
            var found = new List<EvaluationRun>();
            foreach (var id in ids)
            {
                found.Add(await FindAsync(store, id, ct).ConfigureAwait(false));
            }

            return TypedResults.Ok(RunComparison.Of(found, tolerance ?? 0.02));
        }).WithName("CompareEvaluations").WithSummary("Compare runs on the same dataset: leaderboard, metric changes and per-case changes against the first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IEvaluationRunStore Store(TenantContext t, EvaluationRunStores stores) =>
        t.Caller.User is null
            ? stores.Get(t.Scope.Tenant)
            : throw new ForbiddenException("Evaluation runs belong to the tenant; this key is bound to one user. Use a key that is not bound to a user.");

    private static async Task<EvaluationRun> FindAsync(IEvaluationRunStore store, string id, CancellationToken ct) =>
        await store.GetAsync(id, ct).ConfigureAwait(false) ?? throw new NotFoundException($"No evaluation run '{id}' in this tenant (see GET /v1/evaluations).");
}
