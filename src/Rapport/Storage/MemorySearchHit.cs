using Rapport.Memory;
using Rapport.Search;

namespace Rapport.Storage;

/// <summary>An intervention found by a search, with its similarity to the query.</summary>
/// <param name="Intervention">The intervention.</param>
/// <param name="Similarity">Cosine similarity of its situation to the query, in -1..1 (0 when written by another embedder).</param>
public sealed record MemorySearchHit(Intervention Intervention, double Similarity)
{
    /// <summary>Creates a hit from the snapshot match that found <paramref name="intervention"/>.</summary>
    public MemorySearchHit(Intervention intervention, VectorMatch match)
        : this(intervention, match.Similarity)
    {
        Score = match.Score;
    }

    /// <summary>Gets the score the search ranked by (see <see cref="VectorMatch.Score"/>); higher is better.</summary>
    public double Score { get; init; }
}
