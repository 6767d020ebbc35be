using Rapport.Memory;

namespace Rapport.Learning;

/// <summary>Outcome counts per intervention kind over all users: aggregates only, never a user's text.</summary>
/// <remarks>
/// The prior that a new user's estimates start from. Stores implement it where they can aggregate over every user (the
/// SQLite and Redis stores do); implementations are thread-safe and return only counts, computed from live records, so a
/// forgotten or expired user's outcomes no longer count.
/// </remarks>
public interface IPopulationStatistics
{
    /// <summary>Returns the live outcome counts per kind across every user.</summary>
    /// <exception cref="Storage.MemoryStoreException">The store cannot answer now (a Redis outage); the recommender then keeps the
    /// prior it had and tries again after a minute.</exception>
    Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default);
}
