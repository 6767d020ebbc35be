using System.Diagnostics;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Telemetry;

/// <summary>The traced operations other than search and the writes that feed metrics.</summary>
public sealed partial class TracingMemoryStore
{
    /// <inheritdoc />
    public override Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.SetOutcomeAsync(id, outcome, rating, cancellationToken) : TraceAsync(
            "set_outcome", null, (id, outcome, rating),
            static (store, s, ct) => store.SetOutcomeAsync(s.id, s.outcome, s.rating, ct),
            (activity, s, result) =>
            {
                // A queued or unknown outcome names no user, so forget could not find its span: it carries no record id either.
                activity.SetTag(RapportTelemetryNames.RecordId, result is null ? null : s.id);
                activity.SetTag(RapportTelemetryNames.Outcome, s.outcome.ToText());
                activity.SetTag(RapportTelemetryNames.Rating, s.rating);
                activity.SetTag(RapportTelemetryNames.Found, result is not null);
                SpanTags.SetUser(activity, result?.UserId, _privacy);
            },
            cancellationToken);

    /// <inheritdoc />
    public override Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.GetAsync(id, cancellationToken) : TraceAsync(
            "get", null, id,
            static (store, s, ct) => store.GetAsync(s, ct),
            (activity, s, result) =>
            {
                activity.SetTag(RapportTelemetryNames.RecordId, s);
                activity.SetTag(RapportTelemetryNames.Found, result is not null);
                SpanTags.SetUser(activity, result?.UserId, _privacy);
            },
            cancellationToken);

    /// <inheritdoc />
    public override Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit = 100, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.ListAsync(userId, limit, cancellationToken) : TraceAsync(
            "list", userId, (userId, limit),
            static (store, s, ct) => store.ListAsync(s.userId, s.limit, ct),
            static (activity, _, result) => activity.SetTag(RapportTelemetryNames.ResultCount, result.Count),
            cancellationToken);

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.CountEmbeddingModelsAsync(userId, cancellationToken) : TraceAsync(
            "count_embedding_models", userId, userId,
            static (store, s, ct) => store.CountEmbeddingModelsAsync(s, ct),
            static (activity, _, counts) =>
            {
                activity.SetTag(RapportTelemetryNames.EmbeddingModel, counts.Keys.Order(StringComparer.Ordinal).ToArray());
                activity.SetTag(RapportTelemetryNames.RecordCount, counts.Values.Sum());
            },
            cancellationToken);

    /// <inheritdoc />
    public override Task<IReadOnlyList<SessionReflection>> ListReflectionsAsync(string userId, int limit = 20, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.ListReflectionsAsync(userId, limit, cancellationToken) : TraceAsync(
            "list_reflections", userId, (userId, limit),
            static (store, s, ct) => store.ListReflectionsAsync(s.userId, s.limit, ct),
            static (activity, _, result) => activity.SetTag(RapportTelemetryNames.ResultCount, result.Count),
            cancellationToken);

    /// <inheritdoc />
    public override Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.GetProfileAsync(userId, cancellationToken) : TraceAsync(
            "get_profile", userId, userId,
            static (store, s, ct) => store.GetProfileAsync(s, ct),
            null,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>A <c>delete_memory</c> span with no <c>gen_ai.memory.record.id</c> (every record of the user) and no user hash:
    /// a record that a user was forgotten must not itself be linkable to the user.</remarks>
    public override Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.ForgetUserAsync(userId, cancellationToken) : TraceAsync(
            "forget_user", null, userId,
            static (store, s, ct) => store.ForgetUserAsync(s, ct),
            static (activity, _, removed) => TagDeleted(activity, removed),
            cancellationToken,
            RapportTelemetryNames.DeleteMemoryOperation);

    /// <inheritdoc />
    public override Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.GetStatsAsync(userId, cancellationToken) : TraceAsync(
            "stats", userId, userId,
            static (store, s, ct) => store.GetStatsAsync(s, ct),
            static (activity, _, stats) =>
            {
                activity.SetTag(RapportTelemetryNames.StatsInterventions, stats.Interventions);
                activity.SetTag(RapportTelemetryNames.StatsReflections, stats.Reflections);
                activity.SetTag(RapportTelemetryNames.StatsUsers, stats.Users);
            },
            cancellationToken);

    /// <inheritdoc />
    public override Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        !Traced ? InnerStore.PurgeExpiredAsync(cancellationToken) : TraceAsync(
            "purge_expired", null, 0,
            static (store, _, ct) => store.PurgeExpiredAsync(ct),
            static (activity, _, removed) => TagDeleted(activity, removed),
            cancellationToken,
            RapportTelemetryNames.DeleteMemoryOperation);

    private static void TagDeleted(Activity activity, long removed)
    {
        activity.SetTag(RapportTelemetryNames.GenAIMemoryRecordCount, removed);
        activity.SetTag(RapportTelemetryNames.RecordCount, removed);
    }
}
