using Rapport.Memory;

namespace Rapport.Storage;

/// <summary>Durable storage of a user's interventions, reflections and profile, with exact similarity search.</summary>
/// <remarks>
/// <para>
/// Implementations are thread-safe and may be shared by every caller in a process; several processes may open
/// the same backing store (one SQLite file, one Redis) and see each other's acknowledged writes at once.
/// </para>
/// <para>
/// Every operation is scoped to one user, and no operation returns a record of a user other than the one it
/// names, except <see cref="GetAsync"/> and <see cref="SetOutcomeAsync"/>, which address a record by its
/// globally unique id. A record whose <c>ExpiresAt</c> is at or before the store's clock is invisible to every
/// read at once, and is physically removed by <see cref="PurgeExpiredAsync"/> (or by the backend's own expiry).
/// </para>
/// <para>
/// A write either completes or leaves no trace: a failed call never leaves a partial record. Records are
/// validated on entry with the same rules as <see cref="MemoryRecordValidator"/>; invalid input throws
/// <see cref="ArgumentException"/> and changes nothing.
/// </para>
/// <para>Disposing the store releases its connections; the caller that created it owns it.</para>
/// </remarks>
public interface IMemoryStore : IAsyncDisposable
{
    /// <summary>Gets a short description of the backend, for example <c>sqlite:/home/ana/.rapport/rapport.db</c>.</summary>
    string Description { get; }

    /// <summary>Stores new interventions, all or none.</summary>
    /// <exception cref="ArgumentException">A record is invalid, or its id already exists.</exception>
    Task RecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken = default);

    /// <summary>Sets the outcome of an intervention.</summary>
    /// <returns>The updated intervention, or <see langword="null"/> when no live intervention has that id.</returns>
    Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken = default);

    /// <summary>Gets a live intervention by id, or <see langword="null"/>.</summary>
    Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's live interventions, newest first.</summary>
    Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Finds the user's interventions whose situations are most similar to the query, filtered.</summary>
    /// <remarks>Exact cosine similarity; ties are broken by newer first, then by id.</remarks>
    Task<IReadOnlyList<MemorySearchHit>> SearchAsync(MemorySearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Counts a user's live interventions per embedder that produced their vectors (<see cref="Intervention.EmbeddingModel"/>).</summary>
    /// <remarks>
    /// Lets the memory service tell a search with the wrong embedder from a search with no match. The default
    /// implementation lists the user's interventions; stores override it with a cheaper query.
    /// </remarks>
    async Task<IReadOnlyDictionary<string, long>> CountEmbeddingModelsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var all = await ListAsync(userId, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return all.GroupBy(i => i.EmbeddingModel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
    }

    /// <summary>Gets the embedder this store is bound to (the one every new vector must come from), or <see langword="null"/> when none is yet.</summary>
    /// <remarks>The default implementation remembers nothing: stores that do not override it accept any embedder.</remarks>
    Task<string?> GetEmbedderAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    /// <summary>Binds the store to <paramref name="model"/> when it has no embedder yet (or always, with <paramref name="replace"/>), atomically.</summary>
    /// <returns>The embedder the store is bound to after the call: <paramref name="model"/>, or the one bound before when it differs and
    /// <paramref name="replace"/> is false.</returns>
    /// <remarks>Re-embedding binds with <paramref name="replace"/> before it rewrites any vector, so writers of the old embedder are refused
    /// from then on. The default implementation remembers nothing and returns <paramref name="model"/>.</remarks>
    Task<string> BindEmbedderAsync(string model, bool replace = false, CancellationToken cancellationToken = default) => Task.FromResult(model);

    /// <summary>Lists the users with live interventions, for store-wide maintenance such as re-embedding.</summary>
    /// <exception cref="NotSupportedException">The store cannot enumerate its users.</exception>
    Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The store '{Description}' cannot list its users; re-embed one user at a time.");

    /// <summary>Replaces the vectors of some of a user's interventions, each only if it still carries its expected embedder.</summary>
    /// <returns>How many were replaced; the others had been re-embedded, forgotten or had expired meanwhile.</returns>
    /// <remarks>Only the vector and its embedder change: an outcome set concurrently is kept. Atomic per intervention; search sees
    /// each replaced vector at once.</remarks>
    /// <exception cref="NotSupportedException">The store cannot replace vectors.</exception>
    Task<int> ReplaceEmbeddingsAsync(string userId, IReadOnlyList<EmbeddingReplacement> replacements, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The store '{Description}' cannot replace vectors.");

    /// <summary>Stores a session reflection.</summary>
    Task AddReflectionAsync(SessionReflection reflection, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's live reflections, newest first.</summary>
    Task<IReadOnlyList<SessionReflection>> ListReflectionsAsync(string userId, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>Gets a user's profile; a user with no saved profile gets an empty one with derived counts.</summary>
    Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Saves the stored part of a profile (preferences, facts, expiry), replacing the previous one.</summary>
    Task SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Removes everything about a user: interventions, reflections, profile, indexes and caches.</summary>
    /// <returns>How many records were removed.</returns>
    Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Counts live records per type, for one user or for the whole store.</summary>
    Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default);

    /// <summary>Physically removes expired records.</summary>
    /// <returns>How many records were removed.</returns>
    Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>Asks the store for an object of <paramref name="serviceType"/>: itself, a capability it offers, or one of an inner store.</summary>
    /// <param name="serviceType">The type of object requested.</param>
    /// <param name="serviceKey">An optional key; the default implementation answers only unkeyed requests.</param>
    /// <returns>The object, or <see langword="null"/> when the store has none.</returns>
    /// <remarks>
    /// In the style of <c>IChatClient.GetService</c>: a decorator forwards what it is not itself to the store it wraps
    /// (<see cref="DelegatingMemoryStore"/> does), so a capability such as <see cref="Learning.IPopulationStatistics"/>
    /// is found through any number of decorators. The default returns this store when it is of the requested type.
    /// </remarks>
    object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
