namespace Rapport.Learning;

/// <summary>Reads the live outcomes of every user with their situations' vectors, from which Rapport learns, over the
/// population, which situations behave alike (<see cref="LearningOptions.LearnSimilarityFromOutcomes"/>).</summary>
/// <remarks>
/// Stores implement it where they can read every user's outcomes (the SQLite and Redis stores do): live interventions only,
/// so a forgotten or expired user's outcomes are no longer read, and once the store is bound to an embedder only that
/// embedder's vectors (a store part-way through re-embedding mixes spaces). The learning code reduces what it reads to
/// aggregate parameters (a mean vector and a few directions of the embedding space) and never returns any of it, so one
/// user's situations never reach another user's results. Implementations are thread-safe.
/// </remarks>
public interface ISituationOutcomeSource
{
    /// <summary>Returns up to <paramref name="limit"/> live interventions with a known outcome, the most recent first.</summary>
    /// <param name="limit">The most outcomes to return.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <exception cref="Storage.MemoryStoreException">The store cannot answer now (a Redis outage); the recommender then keeps the
    /// directions it had learnt and tries again after a minute.</exception>
    Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken = default);
}
