using Rapport.Memory;

namespace Rapport.Learning;

/// <summary>Outcome counts per intervention kind over all users: aggregates only, never a user's text.</summary>
/// <remarks>
/// The prior that a new user's estimates start from. Stores implement it where they can aggregate cheaply
/// (the SQLite store does); implementations are thread-safe and return only counts.
/// </remarks>
public interface IPopulationStatistics
{
    /// <summary>Returns the live outcome counts per kind across every user.</summary>
    Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default);
}
