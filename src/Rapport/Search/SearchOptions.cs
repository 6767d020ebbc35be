namespace Rapport.Search;

/// <summary>How recall ranks memories unless a request says otherwise.</summary>
public sealed class SearchOptions
{
    /// <summary>Gets or sets the mode used when a recall does not name one.</summary>
    /// <value>The default is <see cref="SearchMode.Hybrid"/>.</value>
    public SearchMode Mode { get; set; } = SearchMode.Hybrid;

    /// <summary>Gets or sets the lexical and fusion parameters.</summary>
    /// <value>The default is <see cref="SearchRanking.Default"/>.</value>
    public SearchRanking Ranking { get; set; } = SearchRanking.Default;

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"Unknown search mode {(int)Mode}: use hybrid, dense or lexical.", nameof(Mode));
        }

        ArgumentNullException.ThrowIfNull(Ranking, nameof(Ranking));
        Ranking.Validate();
    }
}
