using Rapport.Search;

namespace Rapport.Evaluation.Retrieval;

/// <summary>What a retrieval benchmark run measures.</summary>
public sealed record RetrievalBenchmarkOptions
{
    /// <summary>Gets the default cut-offs: 5, 10, 25 and 50.</summary>
    public static IReadOnlyList<int> DefaultKs { get; } = [5, 10, 25, 50];

    /// <summary>Gets the search mode.</summary>
    /// <value>The default is <see cref="SearchMode.Hybrid"/>.</value>
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;

    /// <summary>Gets the cut-offs k at which recall is reported (1-1000, any order).</summary>
    /// <value>The default is <see cref="DefaultKs"/>.</value>
    public IReadOnlyList<int> Ks { get; init; } = DefaultKs;

    /// <summary>Gets the lexical and fusion parameters, or <see langword="null"/> for <see cref="SearchRanking.Default"/>.</summary>
    public SearchRanking? Ranking { get; init; }

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"Unknown search mode {(int)Mode}: use hybrid, dense or lexical.", nameof(Mode));
        }

        if (Ks is null || Ks.Count == 0 || Ks.Any(k => k is < 1 or > Storage.MemorySearchRequest.MaxTop))
        {
            throw new ArgumentException($"Invalid cut-offs: give one or more k from 1 to {Storage.MemorySearchRequest.MaxTop}.", nameof(Ks));
        }

        Ranking?.Validate();
    }
}
