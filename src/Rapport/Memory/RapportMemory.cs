using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Memory;

/// <summary>The memory service: records interventions with their embeddings and recalls similar past situations.</summary>
/// <remarks>
/// The entry point of the memory layer for applications. It validates input, embeds situations, stamps ids,
/// times and expiry, and delegates storage and search to an <see cref="IMemoryStore"/>. Thread-safe. It does not
/// own the store or the embedder: whoever created them disposes them.
/// </remarks>
public sealed partial class RapportMemory
{
    private readonly IMemoryStore _store;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _embedder;
    private readonly Lazy<string> _embeddingModel;
    private readonly RetentionOptions _retention;
    private readonly TimeProvider _time;
    private readonly SearchOptions _search;
    private readonly RecentEmbeddings _recent = new(256);

    /// <summary>Creates the service over a store and an embedder.</summary>
    public RapportMemory(
        IMemoryStore store,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        RetentionOptions? retention = null,
        TimeProvider? timeProvider = null,
        SearchOptions? search = null)
        : this(store, new Lazy<IEmbeddingGenerator<string, Embedding<float>>>(embedder ?? throw new ArgumentNullException(nameof(embedder))), retention, timeProvider, search)
    {
        _ = _embeddingModel.Value;
    }

    /// <summary>Creates the service with an embedder made on first use, so that reads, forget and statistics never load a model.</summary>
    internal RapportMemory(
        IMemoryStore store,
        Lazy<IEmbeddingGenerator<string, Embedding<float>>> embedder,
        RetentionOptions? retention = null,
        TimeProvider? timeProvider = null,
        SearchOptions? search = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        _retention = retention ?? new RetentionOptions();
        _retention.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _search = search ?? new SearchOptions();
        _search.Validate();
        _embeddingModel = new Lazy<string>(() => EmbedderIdentity.Of(_embedder.Value));
        _distinguishesPurposes = new Lazy<bool>(() => EmbeddingPurposes.IsDistinguishedBy(_embedder.Value));
    }

    /// <summary>Gets the store behind the service: only the memory service and its tests read it; everyone else goes through the service.</summary>
    internal IMemoryStore Store => _store;

    /// <summary>Gets a short description of the store, for example <c>sqlite:/home/ana/.rapport/rapport.db</c>.</summary>
    public string StoreDescription => _store.Description;

    /// <summary>Gets the id of the embedder recorded with new memories.</summary>
    public string EmbeddingModel => _embeddingModel.Value;

    /// <summary>Records one intervention and returns it as stored.</summary>
    /// <exception cref="ArgumentException">The input is invalid; nothing is stored.</exception>
    public async Task<Intervention> RecordAsync(NewIntervention intervention, CancellationToken cancellationToken = default)
    {
        var stored = await RecordManyAsync([intervention], cancellationToken).ConfigureAwait(false);
        return stored[0];
    }

    private async Task<IReadOnlyList<Intervention>> RecordManyCoreAsync(
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

        var stored = await StoredByChosenIdAsync(interventions, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return await WriteNewAsync(interventions, cancellationToken).ConfigureAwait(false);
        }

        // A retry of records already stored (the caller chose their ids): they are returned as stored, not written again.
        var written = await WriteNewAsync([.. interventions.Where(i => i.Id is null || !stored.ContainsKey(i.Id))], cancellationToken)
            .ConfigureAwait(false);
        var next = 0;
        return [.. interventions.Select(i => i.Id is { } id && stored.TryGetValue(id, out var kept) ? kept : written[next++])];
    }

    // Embeds and stores interventions known to be new, in order.
    private async Task<IReadOnlyList<Intervention>> WriteNewAsync(IReadOnlyList<NewIntervention> interventions, CancellationToken cancellationToken)
    {
        if (interventions.Count == 0)
        {
            return [];
        }

        await EnsureStoreEmbedderAsync(cancellationToken).ConfigureAwait(false);
        var vectors = await EmbedSituationsAsync(interventions, cancellationToken).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var records = new Intervention[interventions.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var item = interventions[i];
            var createdAt = item.CreatedAt ?? now;
            records[i] = new Intervention
            {
                Id = item.Id ?? MemoryIds.NewRecordId(_time),
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
                Embedding = vectors[i],
                EmbeddingModel = EmbeddingModel,
                ExpiresAt = createdAt + _retention.Interventions,
            };
        }

        await _store.RecordAsync(records, cancellationToken).ConfigureAwait(false);
        return records;
    }

    // Caller-chosen ids (a retried write): the live records that already have them, or null when none does. An id held by
    // another user is refused without saying whose it is.
    private async Task<Dictionary<string, Intervention>?> StoredByChosenIdAsync(
        IReadOnlyList<NewIntervention> interventions, CancellationToken cancellationToken)
    {
        Dictionary<string, Intervention>? stored = null;
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in interventions)
        {
            if (item.Id is not { } id)
            {
                continue;
            }

            MemoryIds.ValidateRecordId(id, nameof(item.Id));
            if (!chosen.Add(id))
            {
                throw new ArgumentException($"Record id '{id}' appears twice in one batch: give each record its own id.", nameof(interventions));
            }

            if (await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                if (!string.Equals(existing.UserId, item.UserId, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Record id '{id}' is already in use: choose another id.", nameof(interventions));
                }

                (stored ??= new(StringComparer.Ordinal))[id] = existing;
            }
        }

        return stored;
    }

    // Situations recalled a moment ago (the usual turn: recall, answer, record) reuse the recall's vector.
    private async Task<ReadOnlyMemory<float>[]> EmbedSituationsAsync(IReadOnlyList<NewIntervention> interventions, CancellationToken cancellationToken)
    {
        var vectors = new ReadOnlyMemory<float>[interventions.Count];
        var missing = new List<int>();
        for (var i = 0; i < vectors.Length; i++)
        {
            if (interventions[i].Embedding is { } given)
            {
                vectors[i] = given;
            }
            else if (DistinguishesPurposes || !_recent.TryGet(interventions[i].UserId, interventions[i].Situation, out vectors[i]))
            {
                missing.Add(i);
            }
        }

        if (missing.Count == 0)
        {
            return vectors;
        }

        var embeddings = await _embedder.Value.GenerateAsync(
            missing.Select(i => interventions[i].Situation), EmbeddingPurposes.For(EmbeddingPurpose.Document), cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != missing.Count)
        {
            // A misbehaving embedder must not shift vectors onto the wrong memories.
            throw new InvalidOperationException(
                $"The embedder returned {embeddings.Count} embeddings for {missing.Count} situations; nothing was stored.");
        }

        for (var m = 0; m < missing.Count; m++)
        {
            vectors[missing[m]] = embeddings[m].Vector;
        }

        return vectors;
    }

    private Task<Intervention?> SetOutcomeCoreAsync(
        string id, InterventionOutcome outcome, int? rating = null, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.ValidateOutcomeUpdate(id, outcome, rating);
        return _store.SetOutcomeAsync(id, outcome, rating, cancellationToken);
    }

    private async Task<IReadOnlyList<MemorySearchHit>> RecallCoreAsync(RecallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        MemoryIds.ValidateUserId(request.UserId);
        MemoryLimits.ValidateText(request.Query, "query", nameof(request.Query));
        var embedding = request.Embedding ?? await EmbedAsync(request.UserId, request.Query, cancellationToken).ConfigureAwait(false);
        return await _store.SearchAsync(
            new MemorySearchRequest(request)
            {
                Embedding = embedding,
                EmbeddingModel = EmbeddingModel,
                Text = request.Query,
                Mode = request.Mode ?? _search.Mode,
                Ranking = _search.Ranking,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Embeds a user's text as a query once; the vector is remembered so that recording the same situation next does not embed
    /// it again (unless the embedder embeds queries and memories differently).</summary>
    internal async Task<ReadOnlyMemory<float>> EmbedAsync(string userId, string text, CancellationToken cancellationToken)
    {
        var embedding = await _embedder.Value.GenerateVectorAsync(text, EmbeddingPurposes.For(EmbeddingPurpose.Query), cancellationToken)
            .ConfigureAwait(false);
        if (!DistinguishesPurposes)
        {
            _recent.Add(userId, text, embedding);
        }

        return embedding;
    }

    /// <summary>Embeds a situation as a memory (document) would be, for a caller that records it with this vector.</summary>
    internal async Task<ReadOnlyMemory<float>> EmbedDocumentAsync(string text, CancellationToken cancellationToken) =>
        await _embedder.Value.GenerateVectorAsync(text, EmbeddingPurposes.For(EmbeddingPurpose.Document), cancellationToken).ConfigureAwait(false);

    private async Task<SessionReflection> AddReflectionCoreAsync(
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

    private async Task<UserProfile> SaveProfileCoreAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var now = _time.GetUtcNow();
        var stamped = profile with { UpdatedAt = now, ExpiresAt = now + _retention.Profiles };
        MemoryRecordValidator.Validate(stamped);
        await _store.SaveProfileAsync(stamped, cancellationToken).ConfigureAwait(false);
        return stamped;
    }
}
