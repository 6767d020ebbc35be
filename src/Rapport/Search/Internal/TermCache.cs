namespace Rapport.Search.Internal;

/// <summary>The words of one bulk analysis already turned into terms: each distinct word is stemmed once and its term
/// string shared by every document that uses it.</summary>
/// <remarks>Lives only as long as the analysis that owns it (a snapshot's index being built), so no user's words
/// outlive their snapshot. Not thread-safe: one per thread.</remarks>
internal sealed class TermCache
{
    // Past this many distinct words the cache starts over, so a pathological corpus cannot grow it without bound.
    private const int MaxWords = 65_536;

    private readonly Dictionary<string, string?> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty cache.</summary>
    public TermCache() => _lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns the term for a folded word, or null for a stop word.</summary>
    public string? Term(ReadOnlySpan<char> word)
    {
        if (_lookup.TryGetValue(word, out var term))
        {
            return term;
        }

        if (_terms.Count >= MaxWords)
        {
            _terms.Clear();
        }

        var text = word.ToString();
        term = TextAnalyzer.Term(text);
        _terms[text] = term;
        return term;
    }
}
