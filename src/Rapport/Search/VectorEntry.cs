using Rapport.Memory;

namespace Rapport.Search;

/// <summary>The part of an intervention that a similarity scan needs: its vector and the fields filters look at.</summary>
/// <param name="Id">The intervention id.</param>
/// <param name="Kind">The intervention kind.</param>
/// <param name="Outcome">The reported outcome.</param>
/// <param name="Quality">The overall quality, or <see langword="null"/>.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="EmbeddingModel">The embedder that produced <paramref name="Vector"/>.</param>
/// <param name="Vector">The situation's embedding.</param>
public readonly record struct VectorEntry(
    string Id,
    string Kind,
    InterventionOutcome Outcome,
    double? Quality,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string EmbeddingModel,
    ReadOnlyMemory<float> Vector);
