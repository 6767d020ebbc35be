using Rapport.Search.Internal;

namespace Rapport.Search;

/// <summary>Builds a <see cref="UserVectorSet"/> from entries added as a store reads them: a cold load, page by page.</summary>
/// <remarks>
/// <para>
/// What <see cref="UserVectorSet(IReadOnlyList{VectorEntry}, VectorPrecision)"/> builds, without holding every entry first:
/// each entry's vector is copied into the snapshot's columns when it is added, so what the store read for it (a Redis
/// value, a row's blob) can be collected while later pages are still arriving. With <c>analyzeWords</c>, the words of each
/// full slice of entries are analyzed for the lexical index on the thread pool while the store reads on, and the index is
/// built from those analyses by <see cref="Build"/> (the same index the first search with words would build).
/// </para>
/// <para>Not thread-safe: one reader adds, then builds once.</para>
/// </remarks>
public sealed class UserVectorSetBuilder
{
    // Entries per background analysis: the slice size of AnalyzedDocument.OfEach, with one cache of stemmed words each.
    private const int SliceSize = 2_048;

    private readonly int _capacity;
    private readonly VectorPrecision _precision;
    private readonly bool _analyzeWords;
    private readonly List<Task<AnalyzedDocument[]>> _slices = [];
    private SnapshotColumns? _columns;
    private bool _built;

    /// <summary>Creates a builder for about <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">The entries expected (more may be added; the columns then grow).</param>
    /// <param name="precision">How the snapshot holds its vectors.</param>
    /// <param name="analyzeWords">Whether to build the lexical index too, analyzing words while entries are still being added:
    /// for a load that a search with query words is waiting for.</param>
    public UserVectorSetBuilder(int capacity, VectorPrecision precision = VectorPrecision.Full, bool analyzeWords = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown vector precision: use Full or Compact.");
        }

        _capacity = capacity;
        _precision = precision;
        _analyzeWords = analyzeWords;
    }

    /// <summary>Gets the number of entries added.</summary>
    public int Count => _columns?.Filled ?? 0;

    /// <summary>Adds an entry as the next position; its vector is copied now (the caller may reuse what it points into).</summary>
    public void Add(in VectorEntry entry)
    {
        ObjectDisposedException.ThrowIf(_built, this);
        // Sized from the first vector: every entry of a user usually has one embedder's dimension.
        var columns = _columns ??= Columns(_capacity, entry.Vector.Length, _precision);
        lock (columns.Gate)
        {
            columns.Append(entry);
        }

        if (_analyzeWords && columns.Filled % SliceSize == 0)
        {
            var fields = columns.Documents.AsSpan(columns.Filled - SliceSize, SliceSize).ToArray();
            _slices.Add(Task.Run(() => AnalyzedDocument.OfSlice(fields)));
        }
    }

    /// <summary>Returns the snapshot of every entry added (with its lexical index when asked to analyze words).</summary>
    /// <remarks>Once: the snapshot owns what was built.</remarks>
    public UserVectorSet Build()
    {
        ObjectDisposedException.ThrowIf(_built, this);
        _built = true;
        var columns = _columns ?? Columns(0, 0, _precision);
        if (_analyzeWords)
        {
            // The slices analyzed in the background, in order; the rest (fewer than a slice) is analyzed by EnsureLexical.
            var analyzed = new List<AnalyzedDocument>(columns.Filled);
            foreach (var slice in _slices)
            {
                analyzed.AddRange(slice.GetAwaiter().GetResult());
            }

            columns.EnsureLexical(analyzed);
        }

        return UserVectorSet.Over(columns);
    }

    private static SnapshotColumns Columns(int capacity, int dimension, VectorPrecision precision)
    {
        var floats = (long)capacity * dimension;
        floats += floats / UserVectorSet.CompactionDivisor;
        return new SnapshotColumns(capacity + (capacity / UserVectorSet.CompactionDivisor) + 4, (int)Math.Min(floats, Array.MaxLength), precision);
    }
}
