using System.Collections.Concurrent;

namespace Rapport.Search.Internal;

/// <summary>An append-only inverted index of one user's situations and texts, scored with BM25F (two fields).</summary>
/// <remarks>
/// <para>
/// Shared by every snapshot of one lineage (<see cref="SnapshotColumns"/>): a write appends its documents in place
/// (amortised O(1) each), and a snapshot of <c>n</c> documents reads only postings of documents below <c>n</c>, so
/// the documents appended after it was taken are invisible to it. Postings are kept in document order, term ids are
/// given in document order and terms are sorted within a document, so an index grown by appends equals one built
/// from scratch over the same documents in the same order (same term ids, same float sums).
/// </para>
/// <para>
/// Corpus statistics (document frequencies, average field lengths) are those of the snapshot's first <c>n</c>
/// documents, deleted or expired ones included until the lineage is compacted (<see cref="SnapshotColumns"/>).
/// Thread-safety: <see cref="Append"/> runs under the owner's lock, one writer at a time; readers need no lock.
/// </para>
/// </remarks>
internal sealed class LexicalIndex
{
    private readonly ConcurrentDictionary<string, int> _terms = new(StringComparer.Ordinal);
    private Postings[] _postings = new Postings[64];
    private int _termCount;
    private int[] _situationLength;
    private int[] _textLength;
    private long[] _situationSum;
    private long[] _textSum;
    private AnalyzedDocument[] _documents;
    private int _count;
    private long _bytes;

    /// <summary>Indexes documents analyzed before (by position).</summary>
    public LexicalIndex(IReadOnlyList<AnalyzedDocument> documents, int capacity = 0)
    {
        capacity = Math.Max(capacity, documents.Count);
        _situationLength = new int[capacity];
        _textLength = new int[capacity];
        _situationSum = new long[capacity];
        _textSum = new long[capacity];
        _documents = new AnalyzedDocument[capacity];
        foreach (var document in documents)
        {
            Append(document);
        }
    }

    /// <summary>Indexes the situation and text of each document (by position).</summary>
    public LexicalIndex(IReadOnlyList<(string? Situation, string? Text)> documents)
        : this([.. documents.Select(d => AnalyzedDocument.Of(d.Situation, d.Text))])
    {
    }

    /// <summary>Gets the number of documents appended.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets the analyzed document at <paramref name="doc"/> (below <see cref="Count"/>).</summary>
    public AnalyzedDocument Document(int doc) => _documents[doc];

    /// <summary>Appends one document as the next position. Callers serialize appends.</summary>
    public void Append(AnalyzedDocument document)
    {
        var doc = _count;
        if (doc == _documents.Length)
        {
            Grow(doc + 1);
        }

        _documents[doc] = document;
        _situationLength[doc] = document.SituationLength;
        _textLength[doc] = document.TextLength;
        _situationSum[doc] = (doc == 0 ? 0 : _situationSum[doc - 1]) + document.SituationLength;
        _textSum[doc] = (doc == 0 ? 0 : _textSum[doc - 1]) + document.TextLength;
        foreach (var (term, situation, text) in document.Terms)
        {
            if (!_terms.TryGetValue(term, out var id))
            {
                // Counted here: a concurrent dictionary's Count takes every one of its locks (it cost a cold load of 10k
                // memories about 45 ms, one call per new term).
                id = _termCount++;
                if (id == _postings.Length)
                {
                    var table = new Postings[id * 2];
                    _postings.CopyTo(table, 0);
                    Volatile.Write(ref _postings, table);
                }

                _postings[id] = new Postings(4);
                _bytes += 64 + (2L * term.Length);
                // Published after its postings slot, so a reader that finds the term finds its postings.
                _terms[term] = id;
            }

            var postings = _postings[id];
            if (!postings.TryAdd(doc, situation, text))
            {
                postings = postings.Grown();
                postings.TryAdd(doc, situation, text);
                Volatile.Write(ref _postings[id], postings);
            }
        }

        // The document's analysis (its term strings and counts) stays referenced, and each term adds a posting.
        _bytes += 48 + (56L * document.Terms.Length);
        Volatile.Write(ref _count, doc + 1);
    }

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

    /// <summary>Adds the BM25F score of every document below <paramref name="count"/> matching <paramref name="termIds"/> into <paramref name="scores"/>.</summary>
    /// <returns>The highest score any single document could reach for this query (the sum of the terms' saturated weights).</returns>
    public double Score(int[] termIds, SearchRanking ranking, Span<float> scores, int count)
    {
        var k1 = ranking.K1;
        var b = ranking.B;
        var textWeight = ranking.TextWeight;
        var averageSituation = count == 0 ? 0 : Math.Max(1, (double)_situationSum[count - 1] / count);
        var averageText = count == 0 ? 0 : Math.Max(1, (double)_textSum[count - 1] / count);
        var situationLength = _situationLength;
        var textLength = _textLength;
        var table = Volatile.Read(ref _postings);
        var ceiling = 0d;
        foreach (var term in termIds)
        {
            var postings = Volatile.Read(ref table[term]);
            var frequency = postings.CountBelow(count);
            if (frequency == 0)
            {
                continue;
            }

            var idf = Math.Log(1 + ((count - frequency + 0.5) / (frequency + 0.5)));
            ceiling += idf * (k1 + 1);
            var docs = postings.Docs;
            var situationTf = postings.Situation;
            var textTf = postings.Text;
            for (var p = 0; p < frequency; p++)
            {
                var doc = docs[p];
                var tf = 0d;
                if (situationTf[p] > 0)
                {
                    tf += situationTf[p] / (1 - b + (b * situationLength[doc] / averageSituation));
                }

                if (textTf[p] > 0)
                {
                    tf += textWeight * textTf[p] / (1 - b + (b * textLength[doc] / averageText));
                }

                scores[doc] += (float)(idf * tf * (k1 + 1) / (tf + k1));
            }
        }

        return ceiling;
    }

    /// <summary>Returns the documents below <paramref name="count"/> that contain term <paramref name="termId"/>, in document order.</summary>
    public ReadOnlySpan<int> DocumentsWith(int termId, int count)
    {
        var postings = Volatile.Read(ref Volatile.Read(ref _postings)[termId]);
        return postings.Docs.AsSpan(0, postings.CountBelow(count));
    }

    /// <summary>Appends to <paramref name="into"/> the ids of document <paramref name="doc"/>'s terms that at most
    /// <paramref name="maxDocuments"/> of the first <paramref name="count"/> documents contain (itself included).</summary>
    public void RareTerms(int doc, int count, int maxDocuments, List<int> into)
    {
        var table = Volatile.Read(ref _postings);
        foreach (var (term, _, _) in _documents[doc].Terms)
        {
            if (_terms.TryGetValue(term, out var id) && Volatile.Read(ref table[id]).CountBelow(count) <= maxDocuments)
            {
                into.Add(id);
            }
        }
    }

    /// <summary>Approximate bytes held (terms, postings, per-document arrays), kept as documents are appended.</summary>
    public long EstimatedBytes() => Interlocked.Read(ref _bytes);

    private void Grow(int needed)
    {
        var capacity = Math.Max(needed, Math.Max(16, _documents.Length + (_documents.Length / 2)));
        Array.Resize(ref _documents, capacity);
        var situationLength = _situationLength;
        var textLength = _textLength;
        var situationSum = _situationSum;
        var textSum = _textSum;
        Array.Resize(ref situationLength, capacity);
        Array.Resize(ref textLength, capacity);
        Array.Resize(ref situationSum, capacity);
        Array.Resize(ref textSum, capacity);
        // Readers of older snapshots keep the arrays they read; every position below their count is in both.
        _situationLength = situationLength;
        _textLength = textLength;
        _situationSum = situationSum;
        _textSum = textSum;
    }

    // One term's postings in document order; appended in place, read below a snapshot's count.
    private sealed class Postings(int capacity)
    {
        private int _count;

        public int[] Docs { get; private init; } = new int[capacity];

        public ushort[] Situation { get; private init; } = new ushort[capacity];

        public ushort[] Text { get; private init; } = new ushort[capacity];

        public bool TryAdd(int doc, ushort situation, ushort text)
        {
            var n = _count;
            if (n == Docs.Length)
            {
                return false;
            }

            Docs[n] = doc;
            Situation[n] = situation;
            Text[n] = text;
            Volatile.Write(ref _count, n + 1);
            return true;
        }

        public Postings Grown()
        {
            var n = _count;
            var grown = new Postings(n * 2);
            Array.Copy(Docs, grown.Docs, n);
            Array.Copy(Situation, grown.Situation, n);
            Array.Copy(Text, grown.Text, n);
            grown._count = n;
            return grown;
        }

        // Postings are in document order: the number below count is a binary search away.
        public int CountBelow(int count)
        {
            var n = Volatile.Read(ref _count);
            var position = Array.BinarySearch(Docs, 0, n, count);
            return position >= 0 ? position : ~position;
        }
    }
}
