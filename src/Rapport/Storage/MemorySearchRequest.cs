using Rapport.Memory;
using Rapport.Search;

namespace Rapport.Storage;

/// <summary>A similarity search over one user's interventions, with filters.</summary>
public sealed record MemorySearchRequest
{
    /// <summary>The most results a search may ask for.</summary>
    public const int MaxTop = 1_000;

    /// <summary>Gets the user whose memories are searched.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the query embedding (of the current situation).</summary>
    public required ReadOnlyMemory<float> Embedding { get; init; }

    /// <summary>Gets the embedder that produced <see cref="Embedding"/>, or empty to skip the check.</summary>
    /// <remarks>Memories written by another embedder cannot be compared with this query; stores ignore them
    /// when this is set, and the memory service reports the mismatch.</remarks>
    public string EmbeddingModel { get; init; } = "";

    /// <summary>Gets the query text, for lexical and hybrid ranking.</summary>
    public string? Text { get; init; }

    /// <summary>Gets how results are ranked: dense, lexical, or both fused.</summary>
    /// <value>The default is <see cref="SearchMode.Hybrid"/>, which ranks as dense when <see cref="Text"/> has no searchable words.</value>
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;

    /// <summary>Gets the lexical and fusion parameters, or <see langword="null"/> for <see cref="SearchRanking.Default"/>.</summary>
    public SearchRanking? Ranking { get; init; }

    /// <summary>Gets how many results to return at most.</summary>
    /// <value>The default is 5.</value>
    public int Top { get; init; } = 5;

    /// <summary>Gets the minimum overall quality; records without a quality never pass a minimum.</summary>
    public double? MinQuality { get; init; }

    /// <summary>Gets the required outcome, or <see langword="null"/> for any.</summary>
    public InterventionOutcome? Outcome { get; init; }

    /// <summary>Gets the accepted kinds, or <see langword="null"/> or empty for any.</summary>
    public IReadOnlyCollection<string>? Kinds { get; init; }

    /// <summary>Gets the earliest creation time accepted (inclusive), or <see langword="null"/>.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest creation time accepted (exclusive), or <see langword="null"/>.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the minimum cosine similarity, or <see langword="null"/> for none.</summary>
    /// <remarks>Applies in every mode: with a minimum, memories whose vectors cannot be compared with the query are left out.</remarks>
    public double? MinSimilarity { get; init; }
}
