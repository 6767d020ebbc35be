using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Storage;

namespace Rapport.Memory;

/// <summary>The memory service: records interventions with their embeddings and recalls similar past situations.</summary>
/// <remarks>
/// The entry point of the memory layer for applications. It validates input, embeds situations, stamps ids,
/// times and expiry, and delegates storage and search to an <see cref="IMemoryStore"/>. Thread-safe. It does not
/// own the store or the embedder: whoever created them disposes them.
/// </remarks>
public sealed class RapportMemory
{
    private readonly IMemoryStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RetentionOptions _retention;
    private readonly TimeProvider _time;

    /// <summary>Creates the service over a store and an embedder.</summary>
    public RapportMemory(
        IMemoryStore store,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        RetentionOptions? retention = null,
        TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        _retention = retention ?? new RetentionOptions();
        _retention.Validate();
        _time = timeProvider ?? TimeProvider.System;
        EmbeddingModel = EmbedderIdentity.Of(embedder);
    }

    /// <summary>Gets the store behind the service.</summary>
    public IMemoryStore Store => _store;

    /// <summary>Gets the id of the embedder recorded with new memories.</summary>
    public string EmbeddingModel { get; }

    /// <summary>Records one intervention and returns it as stored.</summary>
    /// <exception cref="ArgumentException">The input is invalid; nothing is stored.</exception>
    public async Task<Intervention> RecordAsync(NewIntervention intervention, CancellationToken cancellationToken = default)
    {
        var stored = await RecordManyAsync([intervention], cancellationToken).ConfigureAwait(false);
        return stored[0];
    }

    /// <summary>Records several interventions in one batch (one embedding call, one store transaction).</summary>
    public async Task<IReadOnlyList<Intervention>> RecordManyAsync(
        IReadOnlyList<NewIntervention> interventions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interventions);
        if (interventions.Count == 0)
        {
            return [];
        }

        foreach (var item in interventions)
        {
            MemoryRecordValidator.Validate(item);
        }

        var embeddings = await _embedder.GenerateAsync(interventions.Select(i => i.Situation), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (embeddings.Count != interventions.Count)
        {
            // A misbehaving embedder must not shift vectors onto the wrong memories.
            throw new InvalidOperationException(
                $"The embedder returned {embeddings.Count} embeddings for {interventions.Count} situations; nothing was stored.");
        }

        var now = _time.GetUtcNow();
        var records = new Intervention[interventions.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var item = interventions[i];
            var createdAt = item.CreatedAt ?? now;
            records[i] = new Intervention
            {
                Id = MemoryIds.NewRecordId(_time),
                UserId = item.UserId,
                SessionId = item.SessionId,
                CreatedAt = createdAt,
                Situation = item.Situation,
                Kind = item.Kind,
                Text = item.Text,
                Tool = item.Tool,
                Outcome = item.Outcome,
                Rating = item.Rating,
                OutcomeAt = item.Outcome == InterventionOutcome.Unknown && item.Rating is null ? null : now,
                Scores = item.Scores ?? Intervention.EmptyScores,
                Quality = item.Quality,
                Metadata = item.Metadata ?? Intervention.EmptyMetadata,
                Embedding = embeddings[i].Vector,
                EmbeddingModel = EmbeddingModel,
                ExpiresAt = createdAt + _retention.Interventions,
            };
        }

        await _store.RecordAsync(records, cancellationToken).ConfigureAwait(false);
        return records;
    }

    /// <summary>Sets the outcome of an intervention once the user says whether it helped.</summary>
    /// <returns>The updated intervention, or <see langword="null"/> when no live intervention has that id.</returns>
    public Task<Intervention?> SetOutcomeAsync(
        string id, InterventionOutcome outcome, int? rating = null, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateRecordId(id);
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentException($"Unknown outcome {(int)outcome}: use {InterventionOutcomeText.Accepted}.", nameof(outcome));
        }

        MemoryLimits.ValidateRating(rating);
        return _store.SetOutcomeAsync(id, outcome, rating, cancellationToken);
    }

    /// <summary>Finds the user's past interventions whose situations are most similar to <see cref="RecallRequest.Query"/>.</summary>
    /// <remarks>
    /// Vectors of different embedders cannot be compared. When any of the user's live memories was embedded by another
    /// embedder than <see cref="EmbeddingModel"/>, this throws <see cref="EmbeddingModelMismatchException"/> (naming the
    /// embedders and the fix) instead of returning results that silently leave those memories out.
    /// </remarks>
    /// <exception cref="EmbeddingModelMismatchException">The user has memories written by another embedder.</exception>
    public async Task<IReadOnlyList<MemorySearchHit>> RecallAsync(RecallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        MemoryIds.ValidateUserId(request.UserId);
        MemoryLimits.ValidateText(request.Query, "query", nameof(request.Query));
        var models = await _store.CountEmbeddingModelsAsync(request.UserId, cancellationToken).ConfigureAwait(false);
        if (models.Any(m => m.Value > 0 && !string.Equals(m.Key, EmbeddingModel, StringComparison.Ordinal)))
        {
            var others = models.Where(m => m.Value > 0 && !string.Equals(m.Key, EmbeddingModel, StringComparison.Ordinal))
                .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
            throw new EmbeddingModelMismatchException(request.UserId, EmbeddingModel, others);
        }

        var embedding = await _embedder.GenerateVectorAsync(request.Query, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await _store.SearchAsync(
            new MemorySearchRequest
            {
                UserId = request.UserId,
                Embedding = embedding,
                EmbeddingModel = EmbeddingModel,
                Text = request.Query,
                Top = request.Top,
                MinQuality = request.MinQuality,
                Outcome = request.Outcome,
                Kinds = request.Kinds,
                Since = request.Since,
                Until = request.Until,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a reflection on a session; id, time and expiry are stamped here.</summary>
    public async Task<SessionReflection> AddReflectionAsync(
        string userId, string sessionId, string summary, IReadOnlyList<string>? insights = null,
        int interventionCount = 0, int helpedCount = 0, int notHelpedCount = 0, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var reflection = new SessionReflection
        {
            Id = MemoryIds.NewRecordId(_time),
            UserId = MemoryIds.ValidateUserId(userId),
            SessionId = MemoryIds.ValidateSessionId(sessionId),
            CreatedAt = now,
            Summary = summary,
            Insights = insights ?? [],
            InterventionCount = interventionCount,
            HelpedCount = helpedCount,
            NotHelpedCount = notHelpedCount,
            ExpiresAt = now + _retention.Reflections,
        };
        MemoryRecordValidator.Validate(reflection);
        await _store.AddReflectionAsync(reflection, cancellationToken).ConfigureAwait(false);
        return reflection;
    }

    /// <summary>Saves a user's preferences and facts; the expiry restarts from now.</summary>
    public async Task<UserProfile> SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var now = _time.GetUtcNow();
        var stamped = profile with { UpdatedAt = now, ExpiresAt = now + _retention.Profiles };
        MemoryRecordValidator.Validate(stamped);
        await _store.SaveProfileAsync(stamped, cancellationToken).ConfigureAwait(false);
        return stamped;
    }
}
