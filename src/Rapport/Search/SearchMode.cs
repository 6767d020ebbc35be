namespace Rapport.Search;

/// <summary>How a search ranks a user's memories.</summary>
public enum SearchMode
{
    /// <summary>Lexical and dense evidence fused (see <see cref="SearchRanking"/>); the default.</summary>
    /// <remarks>Without query text (or when the text has no searchable words) it ranks as <see cref="Dense"/>.</remarks>
    Hybrid = 0,

    /// <summary>Cosine similarity of the embeddings only.</summary>
    Dense = 1,

    /// <summary>BM25 over the words of the situation and text only; memories sharing no word with the query are not returned.</summary>
    Lexical = 2,
}
