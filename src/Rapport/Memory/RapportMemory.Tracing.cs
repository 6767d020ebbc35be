using System.Diagnostics;
using Rapport.Search;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Memory;

/// <summary>The public operations, each a span around its core (decorating the class's own logic, not mixed into it).</summary>
/// <remarks>
/// Each is an OpenTelemetry GenAI memory span from <see cref="RapportTelemetry.Source"/>, named by its
/// <c>gen_ai.operation.name</c>: recall is <c>search_memory</c>, record and reflections <c>create_memory</c>, an outcome
/// <c>update_memory</c>, a profile <c>upsert_memory</c>; with <c>gen_ai.memory.store.id</c>, <c>gen_ai.memory.record.id</c>
/// and <c>gen_ai.memory.record.count</c>, and Rapport's own <c>rapport.*</c> attributes beside them (docs/telemetry.md).
/// The embedder's and the store's spans nest inside (<c>search_memory</c> → <c>embeddings</c> → <c>retrieval sqlite</c>).
/// With no listener each call goes straight to its core.
/// </remarks>
public sealed partial class RapportMemory
{
    /// <summary>Gets or sets what this service's spans may carry about users.</summary>
    /// <value>The default is <see cref="TelemetryPrivacy.Default"/>: no user text, user ids hashed with a per-process key.</value>
    public TelemetryPrivacy TelemetryPrivacy { get; init; } = TelemetryPrivacy.Default;

    private string? _memoryStoreId;

    /// <summary>Records several interventions in one batch (one embedding call, one store transaction).</summary>
    /// <exception cref="ArgumentException">An input is invalid; nothing is stored.</exception>
    public Task<IReadOnlyList<Intervention>> RecordManyAsync(
        IReadOnlyList<NewIntervention> interventions, CancellationToken cancellationToken = default) =>
        !RapportTelemetry.Source.HasListeners() ? RecordManyCoreAsync(interventions, cancellationToken) : TracedRecordManyAsync(interventions, cancellationToken);

    /// <summary>Sets the outcome of an intervention once the user says whether it helped.</summary>
    /// <returns>The updated intervention, or <see langword="null"/> when no live intervention has that id.</returns>
    public Task<Intervention?> SetOutcomeAsync(
        string id, InterventionOutcome outcome, int? rating = null, CancellationToken cancellationToken = default) =>
        !RapportTelemetry.Source.HasListeners() ? SetOutcomeCoreAsync(id, outcome, rating, cancellationToken) : TracedSetOutcomeAsync(id, outcome, rating, cancellationToken);

    /// <summary>Finds the user's past interventions whose situations are most similar to <see cref="RecallRequest.Query"/>.</summary>
    /// <remarks>
    /// Ranked by <see cref="RecallRequest.Mode"/>, else by the configured <see cref="SearchOptions.Mode"/> (hybrid by default).
    /// Vectors of different embedders cannot be compared. When any of the user's live memories was embedded by another
    /// embedder than <see cref="EmbeddingModel"/>, this throws <see cref="EmbeddingModelMismatchException"/> (naming the
    /// embedders and the fix) instead of returning results that silently leave those memories out.
    /// </remarks>
    /// <exception cref="EmbeddingModelMismatchException">The user has memories written by another embedder.</exception>
    public Task<IReadOnlyList<MemorySearchHit>> RecallAsync(RecallRequest request, CancellationToken cancellationToken = default) =>
        !RapportTelemetry.Source.HasListeners() ? RecallCoreAsync(request, cancellationToken) : TracedRecallAsync(request, cancellationToken);

    /// <summary>Stores a reflection on a session; id, time and expiry are stamped here.</summary>
    public Task<SessionReflection> AddReflectionAsync(
        string userId, string sessionId, string summary, IReadOnlyList<string>? insights = null,
        int interventionCount = 0, int helpedCount = 0, int notHelpedCount = 0, CancellationToken cancellationToken = default) =>
        !RapportTelemetry.Source.HasListeners()
            ? AddReflectionCoreAsync(userId, sessionId, summary, insights, interventionCount, helpedCount, notHelpedCount, cancellationToken)
            : TracedAsync(
                RapportTelemetryNames.CreateMemoryOperation, "add_reflection",
                activity =>
                {
                    SpanTags.SetUser(activity, userId, TelemetryPrivacy);
                    activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordCount, 1);
                    activity.SetTag(RapportTelemetryNames.RecordType, RapportTelemetry.RecordTypeName(RecordType.Reflection));
                    activity.SetTag(RapportTelemetryNames.SessionId, MemoryIds.IsValid(sessionId) ? sessionId : null);
                    activity.SetTag(RapportTelemetryNames.InputChars, summary?.Length);
                },
                () => AddReflectionCoreAsync(userId, sessionId, summary!, insights, interventionCount, helpedCount, notHelpedCount, cancellationToken),
                static (activity, reflection) =>
                {
                    activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordId, reflection.Id);
                    activity.SetTag(RapportTelemetryNames.RecordId, reflection.Id);
                });

    /// <summary>Saves a user's preferences and facts; the expiry restarts from now.</summary>
    public Task<UserProfile> SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default) =>
        !RapportTelemetry.Source.HasListeners()
            ? SaveProfileCoreAsync(profile, cancellationToken)
            : TracedAsync(
                RapportTelemetryNames.UpsertMemoryOperation, "save_profile",
                activity =>
                {
                    SpanTags.SetUser(activity, profile?.UserId, TelemetryPrivacy);
                    activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordCount, 1);
                    activity.SetTag(RapportTelemetryNames.RecordType, RapportTelemetry.RecordTypeName(RecordType.Profile));
                },
                () => SaveProfileCoreAsync(profile!, cancellationToken),
                null);

    private Task<IReadOnlyList<Intervention>> TracedRecordManyAsync(IReadOnlyList<NewIntervention> interventions, CancellationToken cancellationToken) =>
        TracedAsync(
            RapportTelemetryNames.CreateMemoryOperation, "record",
            activity =>
            {
                if (interventions is null || interventions.Any(i => i is null))
                {
                    return;
                }

                var users = interventions.Select(i => i.UserId).Distinct(StringComparer.Ordinal).ToArray();
                SpanTags.SetUser(activity, users.Length == 1 ? users[0] : null, TelemetryPrivacy);
                activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordCount, interventions.Count);
                activity.SetTag(RapportTelemetryNames.RecordCount, interventions.Count);
                activity.SetTag(RapportTelemetryNames.RecordType, RapportTelemetry.RecordTypeName(RecordType.Intervention));
                activity.SetTag(RapportTelemetryNames.InputChars, interventions.Sum(i => (i.Situation?.Length ?? 0) + (i.Text?.Length ?? 0)));
                activity.SetTag(RapportTelemetryNames.EmbeddingModel, EmbeddingModel);
            },
            () => RecordManyCoreAsync(interventions, cancellationToken),
            static (activity, stored) =>
            {
                // Kinds are tagged once validated: a rejected kind could be free text.
                activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordId, stored.Count == 1 ? stored[0].Id : null);
                activity.SetTag(RapportTelemetryNames.RecordIds, stored.Select(i => i.Id).ToArray());
                activity.SetTag(RapportTelemetryNames.Kinds, stored.Select(i => i.Kind).Distinct(StringComparer.Ordinal).ToArray());
            });

    private Task<Intervention?> TracedSetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken) =>
        TracedAsync(
            RapportTelemetryNames.UpdateMemoryOperation, "set_outcome",
            activity =>
            {
                var validId = MemoryIds.IsValid(id) ? id : null;
                activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordId, validId);
                activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordCount, 1);
                activity.SetTag(RapportTelemetryNames.RecordId, validId);
                activity.SetTag(RapportTelemetryNames.Outcome, Enum.IsDefined(outcome) ? outcome.ToText() : null);
                activity.SetTag(RapportTelemetryNames.Rating, rating);
            },
            () => SetOutcomeCoreAsync(id, outcome, rating, cancellationToken),
            (activity, updated) =>
            {
                activity.SetTag(RapportTelemetryNames.Found, updated is not null);
                SpanTags.SetUser(activity, updated?.UserId, TelemetryPrivacy);
                if (updated is null)
                {
                    // Not found, or queued while the store is unreachable: the span cannot name the user, so forgetting the user
                    // could never find it; it keeps no id of their record either (issue 16, finding 9).
                    activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordId, null);
                    activity.SetTag(RapportTelemetryNames.RecordId, null);
                }
            });

    private Task<IReadOnlyList<MemorySearchHit>> TracedRecallAsync(RecallRequest request, CancellationToken cancellationToken) =>
        TracedAsync(
            RapportTelemetryNames.SearchMemoryOperation, "recall",
            activity =>
            {
                if (request is null)
                {
                    return;
                }

                SpanTags.SetUser(activity, MemoryIds.IsValid(request.UserId) ? request.UserId : null, TelemetryPrivacy);
                activity.SetTag(RapportTelemetryNames.GenAIRequestTopK, (double)request.Top); // a double in the convention
                activity.SetTag(RapportTelemetryNames.FilterMinQuality, request.MinQuality);
                activity.SetTag(RapportTelemetryNames.Outcome, request.Outcome?.ToText());
                activity.SetTag(RapportTelemetryNames.InputChars, request.Query?.Length);
                if (TelemetryPrivacy.IncludeSensitiveData)
                {
                    activity.SetTag(RapportTelemetryNames.GenAIMemoryQueryText, request.Query);
                }
            },
            () => RecallCoreAsync(request, cancellationToken),
            (activity, hits) =>
            {
                // The kind filter is tagged once the search accepted it: a rejected kind could be free text.
                activity.SetTag(RapportTelemetryNames.Kinds, request.Kinds is { Count: > 0 } kinds ? kinds.ToArray() : null);
                activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordCount, hits.Count);
                activity.SetTag(RapportTelemetryNames.ResultCount, hits.Count);
                activity.SetTag(RapportTelemetryNames.RecordIds, hits.Select(h => h.Intervention.Id).ToArray());
                activity.SetTag(RapportTelemetryNames.ResultScores, hits.Select(h => Math.Round(h.Similarity, 6)).ToArray());
                if (TelemetryPrivacy.IncludeSensitiveData)
                {
                    activity.SetTag(RapportTelemetryNames.GenAIMemoryRecords, MemoryRecordsJson.From(hits));
                }
            });

    /// <summary>Gets the memory store's id on memory spans (<c>gen_ai.memory.store.id</c>): the store's scheme, as on its own spans.</summary>
    private string MemoryStoreId => _memoryStoreId ??= TracingMemoryStore.DataSourceOf(Store.Description);

    /// <summary>Runs <paramref name="core"/> inside a GenAI memory span named <paramref name="operation"/>: the common tags and
    /// request tags first, result tags or the failure after.</summary>
    private async Task<T> TracedAsync<T>(
        string operation, string rapportOperation, Action<Activity> tagRequest, Func<Task<T>> core, Action<Activity, T>? tagResult)
    {
        // INTERNAL: the memory service runs in the caller's process; the store's own spans are the CLIENT calls.
        using var activity = RapportTelemetry.Source.StartActivity(operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(RapportTelemetryNames.GenAIOperationName, operation);
            activity.SetTag(RapportTelemetryNames.GenAIMemoryStoreId, MemoryStoreId);
            activity.SetTag(RapportTelemetryNames.Operation, rapportOperation);
            tagRequest(activity);
        }

        try
        {
            var result = await core().ConfigureAwait(false);
            if (activity is { IsAllDataRequested: true })
            {
                tagResult?.Invoke(activity, result);
            }

            return result;
        }
        catch (Exception ex)
        {
            if (activity is not null)
            {
                SpanTags.SetFailure(activity, ex, TelemetryPrivacy);
            }

            throw;
        }
    }
}
