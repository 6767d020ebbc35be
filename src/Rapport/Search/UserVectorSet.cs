using System.Numerics.Tensors;
using Rapport.Memory;
using Rapport.Search.Internal;

namespace Rapport.Search;

/// <summary>An immutable, scan-friendly snapshot of one user's intervention vectors, words and filter fields.</summary>
/// <remarks>
/// Exact search by design (see docs/architecture.md): a user holds at most tens of thousands of memories,
/// where a SIMD scan over contiguous floats is fast, exact and needs no index maintenance. Vectors live in one
/// array; norms are computed once so that a scan is one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per entry.
/// The lexical index (BM25F over situation and text) is built on first lexical or hybrid search, so a dense-only
/// user pays nothing for it. Thread-safe: a snapshot never changes after it is built.
/// </remarks>
public sealed partial class UserVectorSet
{
    private readonly string[] _ids;
    private readonly int[] _kinds;
    private readonly string[] _kindNames;
    private readonly InterventionOutcome[] _outcomes;
    private readonly double[] _qualities;
    private readonly long[] _createdTicks;
    private readonly long[] _expiresTicks;
    private readonly int[] _models;
    private readonly string[] _modelNames;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly float[] _norms;
    private readonly float[] _vectors;
    private readonly string?[] _sessions;
    private readonly (string? Situation, string? Text)[] _documents;
    private readonly Lazy<LexicalIndex> _lexical;
    private readonly int[] _previous;
    private readonly int[] _next;

    /// <summary>Builds a snapshot from entries (any order).</summary>
    public UserVectorSet(IReadOnlyList<VectorEntry> entries)
        : this(entries, null)
    {
    }

    // A copy of source with other outcomes: everything else (vectors, words, lexical index) is shared, being immutable.
    private UserVectorSet(UserVectorSet source, InterventionOutcome[] outcomes)
    {
        _ids = source._ids;
        _kinds = source._kinds;
        _kindNames = source._kindNames;
        _outcomes = outcomes;
        _qualities = source._qualities;
        _createdTicks = source._createdTicks;
        _expiresTicks = source._expiresTicks;
        _models = source._models;
        _modelNames = source._modelNames;
        _offsets = source._offsets;
        _lengths = source._lengths;
        _norms = source._norms;
        _vectors = source._vectors;
        _sessions = source._sessions;
        _documents = source._documents;
        _lexical = source._lexical;
        _previous = source._previous;
        _next = source._next;
    }

    // analyzed: the lexical analyses of the first entries, reused from a snapshot this one grows from (or null).
    // grown: the lexical index of exactly those first entries, which the new one extends rather than rebuilds (or null).
    private UserVectorSet(IReadOnlyList<VectorEntry> entries, AnalyzedDocument[]? analyzed, LexicalIndex? grown = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var count = entries.Count;
        _ids = new string[count];
        _kinds = new int[count];
        _outcomes = new InterventionOutcome[count];
        _qualities = new double[count];
        _createdTicks = new long[count];
        _expiresTicks = new long[count];
        _models = new int[count];
        _offsets = new int[count];
        _lengths = new int[count];
        _norms = new float[count];
        _sessions = new string?[count];
        _documents = new (string?, string?)[count];
        var kindIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var modelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _vectors = new float[entries.Sum(e => e.Vector.Length)];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var entry = entries[i];
            _ids[i] = entry.Id;
            _kinds[i] = IndexOf(kindIndex, entry.Kind);
            _models[i] = IndexOf(modelIndex, entry.EmbeddingModel);
            _outcomes[i] = entry.Outcome;
            _qualities[i] = entry.Quality ?? double.NaN;
            _createdTicks[i] = entry.CreatedAt.UtcTicks;
            _expiresTicks[i] = entry.ExpiresAt.UtcTicks;
            var vector = entry.Vector.Span;
            vector.CopyTo(_vectors.AsSpan(offset));
            _offsets[i] = offset;
            _lengths[i] = vector.Length;
            _norms[i] = TensorPrimitives.Norm(vector);
            _sessions[i] = entry.SessionId;
            _documents[i] = (entry.Situation, entry.Text);
            offset += vector.Length;
        }

        (_previous, _next) = SessionNeighbours(entries);
        var documents = _documents;
        _lexical = new Lazy<LexicalIndex>(
            () => grown is not null
                ? grown.Append([.. documents.Skip(grown.Count).Select(d => AnalyzedDocument.Of(d.Situation, d.Text))])
                : new LexicalIndex([.. documents.Select((d, i) => analyzed is not null && i < analyzed.Length ? analyzed[i] : AnalyzedDocument.Of(d.Situation, d.Text))]),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _kindNames = [.. kindIndex.OrderBy(p => p.Value).Select(p => p.Key)];
        _modelNames = [.. modelIndex.OrderBy(p => p.Value).Select(p => p.Key)];
    }

    /// <summary>Gets an empty snapshot.</summary>
    public static UserVectorSet Empty { get; } = new([]);

    /// <summary>Gets the number of entries, live or expired.</summary>
    public int Count => _ids.Length;

    /// <summary>Gets the embedders that produced the snapshot's vectors.</summary>
    public IReadOnlyList<string> EmbeddingModels => _modelNames;

    /// <summary>Returns this snapshot with <paramref name="added"/> appended and entries expired at <paramref name="now"/> dropped.</summary>
    /// <remarks>What a store that just wrote <paramref name="added"/> caches instead of reloading the user: the result searches
    /// like a snapshot loaded afresh. Entries whose id is already present are skipped, so applying a write twice is harmless.
    /// The words of entries kept are not analyzed again.</remarks>
    public UserVectorSet WithAdded(IReadOnlyList<VectorEntry> added, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(added);
        var present = new HashSet<string>(_ids, StringComparer.Ordinal);
        var analyses = _lexical.IsValueCreated ? _lexical.Value.Documents : null;
        var entries = new List<VectorEntry>(_ids.Length + added.Count);
        var kept = new List<AnalyzedDocument>(_ids.Length);
        var nowTicks = now.UtcTicks;
        for (var i = 0; i < _ids.Length; i++)
        {
            if (_expiresTicks[i] <= nowTicks)
            {
                continue;
            }

            entries.Add(EntryAt(i));
            if (analyses is not null)
            {
                kept.Add(analyses[i]);
            }
        }

        foreach (var entry in added)
        {
            if (present.Add(entry.Id))
            {
                entries.Add(entry);
            }
        }

        // Nothing dropped: the new index extends the old one. Otherwise it is rebuilt from the kept analyses.
        var grown = analyses is not null && kept.Count == _ids.Length ? _lexical.Value : null;
        return new UserVectorSet(entries, analyses is null ? null : [.. kept], grown);
    }

    /// <summary>Returns this snapshot with the outcome of <paramref name="id"/> changed (the same snapshot when the id is absent).</summary>
    public UserVectorSet WithOutcome(string id, InterventionOutcome outcome)
    {
        var index = Array.IndexOf(_ids, id);
        if (index < 0 || _outcomes[index] == outcome)
        {
            return this;
        }

        var outcomes = (InterventionOutcome[])_outcomes.Clone();
        outcomes[index] = outcome;
        return new UserVectorSet(this, outcomes);
    }

    private VectorEntry EntryAt(int i) => new(
        _ids[i],
        _kindNames[_kinds[i]],
        _outcomes[i],
        double.IsNaN(_qualities[i]) ? null : _qualities[i],
        new DateTimeOffset(_createdTicks[i], TimeSpan.Zero),
        new DateTimeOffset(_expiresTicks[i], TimeSpan.Zero),
        _modelNames[_models[i]],
        new ReadOnlyMemory<float>(_vectors, _offsets[i], _lengths[i]),
        _documents[i].Situation,
        _documents[i].Text,
        _sessions[i]);

    /// <summary>Counts the entries live at <paramref name="now"/> per embedder that produced their vectors.</summary>
    /// <remarks>What <see cref="Storage.IMemoryStore.CountEmbeddingModelsAsync"/> answers, from a cached snapshot: one pass, no I/O.</remarks>
    public IReadOnlyDictionary<string, long> CountLiveByEmbeddingModel(DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        var counts = new long[_modelNames.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            if (_expiresTicks[i] > nowTicks)
            {
                counts[_models[i]]++;
            }
        }

        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var m = 0; m < counts.Length; m++)
        {
            if (counts[m] > 0)
            {
                result[_modelNames[m]] = counts[m];
            }
        }

        return result;
    }

    private HashSet<int>? KindMask(IReadOnlyCollection<string>? kinds)
    {
        if (kinds is null || kinds.Count == 0)
        {
            return null;
        }

        var mask = new HashSet<int>();
        foreach (var kind in kinds)
        {
            var index = Array.IndexOf(_kindNames, kind);
            if (index >= 0)
            {
                mask.Add(index);
            }
        }

        return mask;
    }

    // Links each entry to the entries just before and after it in its session (by creation time, then id), or -1.
    private static (int[] Previous, int[] Next) SessionNeighbours(IReadOnlyList<VectorEntry> entries)
    {
        var previous = new int[entries.Count];
        var next = new int[entries.Count];
        Array.Fill(previous, -1);
        Array.Fill(next, -1);
        var sessions = Enumerable.Range(0, entries.Count)
            .Where(i => !string.IsNullOrEmpty(entries[i].SessionId))
            .GroupBy(i => entries[i].SessionId!, StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            var ordered = session.OrderBy(i => entries[i].CreatedAt.UtcTicks).ThenBy(i => entries[i].Id, StringComparer.Ordinal).ToArray();
            for (var k = 1; k < ordered.Length; k++)
            {
                previous[ordered[k]] = ordered[k - 1];
                next[ordered[k - 1]] = ordered[k];
            }
        }

        return (previous, next);
    }

    private static int IndexOf(Dictionary<string, int> index, string key)
    {
        if (!index.TryGetValue(key, out var value))
        {
            value = index.Count;
            index[key] = value;
        }

        return value;
    }
}
