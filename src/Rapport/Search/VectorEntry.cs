using Rapport.Memory;

namespace Rapport.Search;

/// <summary>The part of an intervention that a search needs: its vector, its words and the fields filters look at.</summary>
/// <param name="Id">The intervention id.</param>
/// <param name="Kind">The intervention kind.</param>
/// <param name="Outcome">The reported outcome.</param>
/// <param name="Quality">The overall quality, or <see langword="null"/>.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="EmbeddingModel">The embedder that produced <paramref name="Vector"/>.</param>
/// <param name="Vector">The situation's embedding.</param>
/// <param name="Situation">The situation text, indexed for lexical search; <see langword="null"/> leaves it out of lexical results.</param>
/// <param name="Text">The intervention text, indexed for lexical search with a lower weight; <see langword="null"/> for none.</param>
/// <param name="Sequence">The store-wide sequence number of the entry's last change (0 when unknown): of two changes of one
/// entry, a snapshot keeps the one with the higher number.</param>
/// <param name="SessionId">The session, whose neighbouring memories (in time) lend each other context in hybrid search; <see langword="null"/> for none.</param>
public readonly record struct VectorEntry(
    string Id,
    string Kind,
    InterventionOutcome Outcome,
    double? Quality,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string EmbeddingModel,
    ReadOnlyMemory<float> Vector,
    string? Situation = null,
    string? Text = null,
    string? SessionId = null,
    long Sequence = 0)
{
    /// <summary>Returns what a search needs of <paramref name="intervention"/>.</summary>
    /// <param name="intervention">The intervention.</param>
    /// <param name="sequence">The store's sequence number of its last change, or 0 when unknown.</param>
    public static VectorEntry From(Intervention intervention, long sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        return new(
            intervention.Id, intervention.Kind, intervention.Outcome, intervention.Quality, intervention.CreatedAt, intervention.ExpiresAt,
            intervention.EmbeddingModel, intervention.Embedding, intervention.Situation, intervention.Text, intervention.SessionId, sequence);
    }
}
