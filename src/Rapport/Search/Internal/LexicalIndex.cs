namespace Rapport.Search.Internal;

/// <summary>An inverted index of one snapshot's situations and texts, scored with BM25F (two fields).</summary>
/// <remarks>
/// Built once with its <see cref="UserVectorSet"/> and immutable afterwards (thread-safe). Corpus statistics
/// (document frequencies, average field lengths) are those of the snapshot's entries, so every store that builds
/// the same snapshot ranks the same way. Term frequencies are kept per field so that k1, b and the field weights
/// can vary per query.
/// </remarks>
internal sealed class LexicalIndex
{
    private readonly Dictionary<string, int> _terms;
    private readonly int[][] _docs;
    private readonly ushort[][] _situationTf;
    private readonly ushort[][] _textTf;
    private readonly int[] _situationLength;
    private readonly int[] _textLength;
    private readonly double _averageSituation;
    private readonly double _averageText;

    /// <summary>Indexes the situation and text of each document (by position).</summary>
    public LexicalIndex(IReadOnlyList<(string? Situation, string? Text)> documents)
        : this([.. documents.Select(d => AnalyzedDocument.Of(d.Situation, d.Text))])
    {
    }

    /// <summary>Indexes documents analyzed before (by position), so a snapshot grown by a write re-analyzes only the new ones.</summary>
    public LexicalIndex(AnalyzedDocument[] documents)
    {
        Documents = documents;
        var count = documents.Length;
        _situationLength = new int[count];
        _textLength = new int[count];
        _terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new List<List<(int Doc, ushort Situation, ushort Text)>>();
        for (var doc = 0; doc < count; doc++)
        {
            var analyzed = documents[doc];
            _situationLength[doc] = analyzed.SituationLength;
            _textLength[doc] = analyzed.TextLength;
            // Terms are sorted in each document, so that term ids, and with them every float sum, come out in one order.
            foreach (var (term, situation, text) in analyzed.Terms)
            {
                if (!_terms.TryGetValue(term, out var id))
                {
                    id = _terms.Count;
                    _terms[term] = id;
                    postings.Add([]);
                }

                postings[id].Add((doc, situation, text));
            }
        }

        _docs = [.. postings.Select(p => p.Select(x => x.Doc).ToArray())];
        _situationTf = [.. postings.Select(p => p.Select(x => x.Situation).ToArray())];
        _textTf = [.. postings.Select(p => p.Select(x => x.Text).ToArray())];
        _averageSituation = count == 0 ? 0 : Math.Max(1, _situationLength.Average());
        _averageText = count == 0 ? 0 : Math.Max(1, _textLength.Average());
    }

    private LexicalIndex(
        AnalyzedDocument[] documents, Dictionary<string, int> terms, int[][] docs, ushort[][] situationTf, ushort[][] textTf,
        int[] situationLength, int[] textLength)
    {
        Documents = documents;
        _terms = terms;
        _docs = docs;
        _situationTf = situationTf;
        _textTf = textTf;
        _situationLength = situationLength;
        _textLength = textLength;
        _averageSituation = documents.Length == 0 ? 0 : Math.Max(1, situationLength.Average());
        _averageText = documents.Length == 0 ? 0 : Math.Max(1, textLength.Average());
    }

    /// <summary>Returns this index with <paramref name="added"/> appended as the last documents, without re-indexing the others.</summary>
    /// <remarks>The result equals an index built from scratch over all the documents in this order: term ids are given in
    /// document order and postings are in document order, so appended documents only extend both.</remarks>
    public LexicalIndex Append(IReadOnlyList<AnalyzedDocument> added)
    {
        var count = Count + added.Count;
        var terms = new Dictionary<string, int>(_terms, StringComparer.Ordinal);
        var docs = new List<int[]>(_docs);
        var situationTf = new List<ushort[]>(_situationTf);
        var textTf = new List<ushort[]>(_textTf);
        var situationLength = new int[count];
        var textLength = new int[count];
        _situationLength.CopyTo(situationLength, 0);
        _textLength.CopyTo(textLength, 0);
        for (var a = 0; a < added.Count; a++)
        {
            var doc = Count + a;
            situationLength[doc] = added[a].SituationLength;
            textLength[doc] = added[a].TextLength;
            foreach (var (term, situation, text) in added[a].Terms)
            {
                if (!terms.TryGetValue(term, out var id))
                {
                    id = terms.Count;
                    terms[term] = id;
                    docs.Add([]);
                    situationTf.Add([]);
                    textTf.Add([]);
                }

                docs[id] = [.. docs[id], doc];
                situationTf[id] = [.. situationTf[id], situation];
                textTf[id] = [.. textTf[id], text];
            }
        }

        return new LexicalIndex([.. Documents, .. added], terms, [.. docs], [.. situationTf], [.. textTf], situationLength, textLength);
    }

    /// <summary>Gets the analyzed documents, by position.</summary>
    public AnalyzedDocument[] Documents { get; }

    /// <summary>Gets the number of documents.</summary>
    public int Count => _situationLength.Length;

    /// <summary>Returns the distinct query terms known to the index, by term id.</summary>
    public int[] QueryTerms(string? query)
    {
        var ids = new SortedSet<int>();
        foreach (var term in TextAnalyzer.Analyze(query))
        {
            if (_terms.TryGetValue(term, out var id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    /// <summary>Returns whether <paramref name="query"/> has any searchable word at all (known to the index or not).</summary>
    public static bool HasTerms(string? query) => TextAnalyzer.Analyze(query).Count > 0;

    /// <summary>Adds the BM25F score of every document matching <paramref name="termIds"/> into <paramref name="scores"/>.</summary>
    /// <returns>The highest score any single document could reach for this query (the sum of the terms' saturated weights).</returns>
    public double Score(int[] termIds, SearchRanking ranking, Span<float> scores)
    {
        var k1 = ranking.K1;
        var b = ranking.B;
        var textWeight = ranking.TextWeight;
        var ceiling = 0d;
        foreach (var term in termIds)
        {
            var docs = _docs[term];
            var idf = Math.Log(1 + ((Count - docs.Length + 0.5) / (docs.Length + 0.5)));
            ceiling += idf * (k1 + 1);
            var situationTf = _situationTf[term];
            var textTf = _textTf[term];
            for (var p = 0; p < docs.Length; p++)
            {
                var doc = docs[p];
                var tf = 0d;
                if (situationTf[p] > 0)
                {
                    tf += situationTf[p] / (1 - b + (b * _situationLength[doc] / _averageSituation));
                }

                if (textTf[p] > 0)
                {
                    tf += textWeight * textTf[p] / (1 - b + (b * _textLength[doc] / _averageText));
                }

                scores[doc] += (float)(idf * tf * (k1 + 1) / (tf + k1));
            }
        }

        return ceiling;
    }
}
