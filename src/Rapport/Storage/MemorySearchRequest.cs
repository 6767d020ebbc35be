using System.Diagnostics.CodeAnalysis;
using Rapport.Memory;
using Rapport.Search;

namespace Rapport.Storage;

/// <summary>A similarity search over one user's interventions, with filters (<see cref="MemoryFilter"/>).</summary>
public sealed record MemorySearchRequest : MemoryFilter
{
    /// <summary>The most results a search may ask for.</summary>
    public const int MaxTop = 1_000;

    /// <summary>Creates an empty request; set <see cref="MemoryFilter.UserId"/> and <see cref="Embedding"/>.</summary>
    public MemorySearchRequest()
    {
    }

    /// <summary>Creates a request with the filters of <paramref name="filter"/>, every one of them copied.</summary>
    /// <remarks>Set <see cref="Embedding"/> too: this constructor sets the required filters only.</remarks>
    [SetsRequiredMembers]
    internal MemorySearchRequest(MemoryFilter filter)
        : base(filter)
    {
    }

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
}
