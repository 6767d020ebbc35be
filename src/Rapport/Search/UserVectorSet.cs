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
    private readonly Lazy<LexicalIndex> _lexical;
    private readonly int[] _previous;
    private readonly int[] _next;

    /// <summary>Builds a snapshot from entries (any order).</summary>
    public UserVectorSet(IReadOnlyList<VectorEntry> entries)
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
            offset += vector.Length;
        }

        (_previous, _next) = SessionNeighbours(entries);
        var documents = entries.Select(e => (e.Situation, e.Text)).ToArray();
        _lexical = new Lazy<LexicalIndex>(() => new LexicalIndex(documents), LazyThreadSafetyMode.ExecutionAndPublication);
        _kindNames = [.. kindIndex.OrderBy(p => p.Value).Select(p => p.Key)];
        _modelNames = [.. modelIndex.OrderBy(p => p.Value).Select(p => p.Key)];
    }

    /// <summary>Gets an empty snapshot.</summary>
    public static UserVectorSet Empty { get; } = new([]);

    /// <summary>Gets the number of entries, live or expired.</summary>
    public int Count => _ids.Length;

    /// <summary>Gets the embedders that produced the snapshot's vectors.</summary>
    public IReadOnlyList<string> EmbeddingModels => _modelNames;

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
