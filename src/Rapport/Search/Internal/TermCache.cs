namespace Rapport.Search.Internal;

/// <summary>The words of one bulk analysis already turned into terms: each distinct word is stemmed once and its term
/// string shared by every document that uses it.</summary>
/// <remarks>Lives only as long as the analysis that owns it (a snapshot's index being built), so no user's words
/// outlive their snapshot. Also holds the buffers its documents are analyzed in (<see cref="AnalyzedDocument.Of"/>), reused
/// from one document to the next. Not thread-safe: one per thread.</remarks>
internal sealed class TermCache
{
    // Past this many distinct words the cache starts over, so a pathological corpus cannot grow it without bound.
    private const int MaxWords = 65_536;

    private readonly Dictionary<string, string?> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private string[] _sorted = new string[64];
    private bool[] _inSituation = new bool[64];

    /// <summary>Gets the list one document's terms are collected in (the caller clears it).</summary>
    public List<string> Terms { get; } = new(64);

    /// <summary>Creates an empty cache.</summary>
    public TermCache() => _lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns a buffer of at least <paramref name="length"/> strings, to sort one document's terms in.</summary>
    public string[] Sorted(int length) => _sorted.Length >= length ? _sorted : _sorted = new string[Math.Max(length, _sorted.Length * 2)];

    /// <summary>Returns a buffer of at least <paramref name="length"/> flags, the field of each term in <see cref="Sorted"/>.</summary>
    public bool[] InSituation(int length) => _inSituation.Length >= length ? _inSituation : _inSituation = new bool[Math.Max(length, _inSituation.Length * 2)];

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
