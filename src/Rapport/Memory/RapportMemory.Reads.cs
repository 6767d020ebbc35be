using Rapport.Storage;

namespace Rapport.Memory;

/// <summary>Reads, forget and statistics: the memory service is the only door to the store, so every caller gets the same validation
/// and forgetting a user also clears what the service keeps about them in this process.</summary>
public sealed partial class RapportMemory
{
    /// <summary>Gets a live intervention by id, or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The id is not a valid record id.</exception>
    public Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateRecordId(id);
        return _store.GetAsync(id, cancellationToken);
    }

    /// <summary>Lists a user's live interventions, newest first.</summary>
    /// <exception cref="ArgumentException">The user id is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit = 100, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _store.ListAsync(userId, limit, cancellationToken);
    }

    /// <summary>Lists a user's live session reflections, newest first.</summary>
    /// <exception cref="ArgumentException">The user id is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public Task<IReadOnlyList<SessionReflection>> ListReflectionsAsync(string userId, int limit = 20, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _store.ListReflectionsAsync(userId, limit, cancellationToken);
    }

    /// <summary>Gets a user's profile; a user with no saved profile gets an empty one with counts derived from their memories.</summary>
    /// <exception cref="ArgumentException">The user id is invalid.</exception>
    public Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        return _store.GetProfileAsync(userId, cancellationToken);
    }

    /// <summary>Removes everything about a user: their records in the store and the situations this service remembers embedding.</summary>
    /// <returns>How many records were removed from the store.</returns>
    /// <exception cref="ArgumentException">The user id is invalid.</exception>
    public async Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        // Cleared before and after: a recall racing with the forget must not leave the user's text behind.
        _recent.Forget(userId);
        var removed = await _store.ForgetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        _recent.Forget(userId);
        return removed;
    }

    /// <summary>Counts live records per type, for one user or (with <see langword="null"/>) for the whole store.</summary>
    /// <exception cref="ArgumentException">The user id is invalid.</exception>
    public Task<MemoryStats> GetStatsAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        if (userId is not null)
        {
            MemoryIds.ValidateUserId(userId);
        }

        return _store.GetStatsAsync(userId, cancellationToken);
    }

    /// <summary>Physically removes expired records (they are already invisible to every read).</summary>
    /// <returns>How many records were removed.</returns>
    public Task<long> PurgeExpiredAsync(CancellationToken cancellationToken = default) => _store.PurgeExpiredAsync(cancellationToken);

    /// <summary>Asks the store, through any decorators, for a capability such as <see cref="Learning.IPopulationStatistics"/>.</summary>
    /// <returns>The capability, or <see langword="null"/> when the store does not offer it.</returns>
    public TService? GetStoreService<TService>()
        where TService : class =>
        _store.GetService<TService>();

    /// <summary>Gets how many situations this service remembers embedding (for tests of forget).</summary>
    internal int RecentEmbeddingCount => _recent.Count;
}
