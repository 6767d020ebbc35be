namespace Rapport.Learning;

/// <summary>Reads the live outcomes of every user with their situations' vectors, from which Rapport learns, over the
/// population, which situations behave alike (<see cref="LearningOptions.LearnSimilarityFromOutcomes"/>).</summary>
/// <remarks>
/// Stores implement it where they can read it in one pass (the SQLite store does); the learning code reduces what it reads to
/// aggregate parameters (a mean vector and a few directions of the embedding space) and never returns any of it, so one
/// user's situations never reach another user's results. Implementations are thread-safe.
/// </remarks>
public interface ISituationOutcomeSource
{
    /// <summary>Returns up to <paramref name="limit"/> live interventions with a known outcome, the most recent first.</summary>
    /// <param name="limit">The most outcomes to return.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken = default);
}
