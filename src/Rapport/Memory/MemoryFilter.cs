namespace Rapport.Memory;

/// <summary>Whose memories a recall or a search reads, which of them count, and how many come back.</summary>
/// <remarks>
/// The one definition of the filters that <see cref="RecallRequest"/> (by text, through the memory service) and
/// <see cref="Storage.MemorySearchRequest"/> (by vector, to a store) share: the service passes a recall's filters to the
/// store as they are (the record's copy constructor), so the two cannot drift apart. Filters are applied before ranking.
/// </remarks>
public abstract record MemoryFilter
{
    /// <summary>Gets the user whose memories are searched.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets how many results to return at most.</summary>
    /// <value>The default is 5.</value>
    public int Top { get; init; } = 5;

    /// <summary>Gets the minimum overall quality; records without a quality never pass a minimum.</summary>
    /// <value>The default is <see langword="null"/>: any quality.</value>
    public double? MinQuality { get; init; }

    /// <summary>Gets the required outcome, or <see langword="null"/> for any.</summary>
    public InterventionOutcome? Outcome { get; init; }

    /// <summary>Gets the accepted kinds, or <see langword="null"/> or empty for any.</summary>
    public IReadOnlyCollection<string>? Kinds { get; init; }

    /// <summary>Gets the earliest creation time accepted (inclusive), or <see langword="null"/>.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest creation time accepted (exclusive), or <see langword="null"/>.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets when the query is asked: what time expressions in its words ("last week", "in May") count from.</summary>
    /// <value>The default is <see langword="null"/>: the store's clock.</value>
    /// <remarks>Not a filter: it only places the time a query names (see <see cref="Search.SearchRanking.TimeWeight"/>).</remarks>
    public DateTimeOffset? AskedAt { get; init; }

    /// <summary>Gets the minimum cosine similarity, or <see langword="null"/> for none.</summary>
    /// <remarks>Applies in every mode: with a minimum, memories whose vectors cannot be compared with the query are left out.</remarks>
    public double? MinSimilarity { get; init; }
}
