using System.Numerics.Tensors;
using Rapport.Memory;
using Rapport.Search.Internal;

namespace Rapport.Search;

/// <summary>A scan-friendly snapshot of one user's intervention vectors, words and filter fields.</summary>
/// <remarks>
/// <para>
/// Exact search by design (see docs/architecture.md): a user holds at most tens of thousands of memories,
/// where a SIMD scan over contiguous floats is fast, exact and needs no index maintenance. Vectors live in one
/// array; norms are computed once so that a scan is one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per entry.
/// The lexical index (BM25F over situation and text) is built on first lexical or hybrid search with query words, so a
/// dense-only user pays nothing for it.
/// </para>
/// <para>
/// Incremental: a snapshot is a count over columns shared with the snapshots derived from it (<see cref="WithChanges"/>).
/// Deriving a snapshot with new entries appends them in place (amortised O(1) per entry, the entries already there are
/// neither copied nor analyzed again); an outcome change or a deletion is applied in place, visible to every snapshot of
/// the lineage (a running search may see it). Deleted and expired entries keep their slots, skipped by every search,
/// until they make up an eighth of the snapshot: then the next change compacts it into fresh columns.
/// </para>
/// <para>Thread-safe: searches need no lock; deriving snapshots takes the lineage's lock.</para>
/// </remarks>
public sealed partial class UserVectorSet
{
    /// <summary>The share of dead (deleted or expired) entries, as 1/n, past which a change compacts the snapshot.</summary>
    internal const int CompactionDivisor = 8;

    private readonly SnapshotColumns _columns;
    private readonly int _count;
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
    private readonly sbyte[] _codes;
    private readonly float[] _scales;
    private readonly float[] _errors;
    private readonly bool _compact;
    private readonly int[] _previous;
    private readonly int[] _next;
    private readonly bool _uniform;
    private readonly int[] _sessionOrdinals;
    private readonly int _sessionCount;

    /// <summary>Builds a snapshot from entries (any order).</summary>
    public UserVectorSet(IReadOnlyList<VectorEntry> entries)
        : this(entries, VectorPrecision.Full)
    {
    }

    /// <summary>Builds a snapshot from entries (any order), holding their vectors at <paramref name="precision"/>.</summary>
    /// <remarks>A compact snapshot (<see cref="VectorPrecision.Compact"/>) keeps no 32-bit copy: search it with
    /// <see cref="SearchCandidates"/> and re-score the candidates from the store's vectors.</remarks>
    public UserVectorSet(IReadOnlyList<VectorEntry> entries, VectorPrecision precision)
        : this(Build(entries, precision), entries?.Count ?? 0)
    {
    }

    // A view of the first count entries of columns, over the arrays they hold now; blocks: whether a uniform snapshot may be
    // scanned in blocks (ScoreAll), false only for tests comparing that path with the entry-by-entry one.
    private UserVectorSet(SnapshotColumns columns, int count, bool blocks = true)
    {
        _columns = columns;
        _count = count;
        _ids = columns.Ids;
        _kinds = columns.Kinds;
        _kindNames = columns.KindNames;
        _outcomes = columns.Outcomes;
        _qualities = columns.Qualities;
        _createdTicks = columns.Created;
        _expiresTicks = columns.Expires;
        _models = columns.Models;
        _modelNames = columns.ModelNames;
        _offsets = columns.Offsets;
        _lengths = columns.Lengths;
        _norms = columns.Norms;
        _vectors = columns.Vectors;
        _codes = columns.Codes;
        _scales = columns.Scales;
        _errors = columns.Errors;
        _compact = columns.Compact;
        _previous = columns.Previous;
        _next = columns.Next;
        _uniform = blocks && count <= columns.UniformCount;
        _sessionOrdinals = columns.SessionOrdinals;
        _sessionCount = columns.SessionCount;
    }

    /// <summary>Returns a snapshot of every entry <paramref name="columns"/> holds (for <see cref="UserVectorSetBuilder"/>).</summary>
    internal static UserVectorSet Over(SnapshotColumns columns) => new(columns, columns.Filled);

    /// <summary>Gets whether searches score every entry in one blocked pass (one embedder and dimension throughout).</summary>
    internal bool ScansInBlocks => _uniform;

    /// <summary>Returns this snapshot searched entry by entry, as a snapshot of mixed embedders or dimensions is (for tests).</summary>
    internal UserVectorSet EntryByEntry() => new(_columns, _count, blocks: false);

    /// <summary>Gets an empty snapshot.</summary>
    public static UserVectorSet Empty { get; } = new([]);

    /// <summary>Gets the number of entries, live, expired or deleted (not yet compacted away).</summary>
    public int Count => _count;

    /// <summary>Gets how the snapshot holds its vectors.</summary>
    public VectorPrecision Precision => _columns.Precision;

    /// <summary>Gets the embedders that produced the snapshot's vectors.</summary>
    public IReadOnlyList<string> EmbeddingModels => _modelNames;

    /// <summary>Gets the approximate bytes the snapshot's lineage holds in memory (vectors, texts, lexical index).</summary>
    public long EstimatedBytes => _columns.EstimatedBytes();

    private LexicalIndex Lexical => _columns.EnsureLexical();

    /// <summary>Returns this snapshot with <paramref name="added"/> appended (see <see cref="WithChanges"/>).</summary>
    /// <remarks>What a store that just wrote <paramref name="added"/> caches instead of reloading the user. Entries whose id is
    /// already present are not added twice, so applying a write twice is harmless.</remarks>
    public UserVectorSet WithAdded(IReadOnlyList<VectorEntry> added, DateTimeOffset now) => WithChanges(added, null, now);

    /// <summary>Returns this snapshot with the outcome of <paramref name="id"/> changed (the same snapshot when the id is absent).</summary>
    public UserVectorSet WithOutcome(string id, InterventionOutcome outcome)
    {
        lock (_columns.Gate)
        {
            var index = _columns.IndexOf(id, _count);
            if (index < 0 || _columns.Outcomes[index] == outcome)
            {
                return this;
            }

            _columns.SetOutcome(index, outcome, 0);
            return new UserVectorSet(_columns, _count);
        }
    }

    /// <summary>Returns this snapshot brought up to date with what changed in the store since it was taken.</summary>
    /// <param name="changed">New and updated entries. An entry whose id is present and differs only in its outcome updates the
    /// outcome (unless the present one carries a newer <see cref="VectorEntry.Sequence"/>); one that differs otherwise
    /// replaces it; an identical one changes nothing. Entries already expired at <paramref name="now"/> are not added.</param>
    /// <param name="deleted">Ids removed from the store, or <see langword="null"/>.</param>
    /// <param name="now">The store's clock, which decides expiry (and with it compaction).</param>
    /// <remarks>Costs O(changes) amortised: nothing already in the snapshot is copied, except when it is compacted (an
    /// eighth of it dead) or forked (this snapshot is not the newest of its lineage: another change went past it).</remarks>
    public UserVectorSet WithChanges(IReadOnlyList<VectorEntry> changed, IReadOnlyCollection<string>? deleted, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var nowTicks = now.UtcTicks;
        lock (_columns.Gate)
        {
            if (_columns.Filled == _count)
            {
                Apply(_columns, changed, deleted, nowTicks);
                return Compacted(_columns, nowTicks) ?? new UserVectorSet(_columns, _columns.Filled);
            }
        }

        // Another change already went past this snapshot. Usually it was the same changes (two searches refreshing one
        // user at once, or this process's own write): then the newest snapshot already holds them. Otherwise fork.
        lock (_columns.Gate)
        {
            if (Holds(_columns, changed, deleted))
            {
                return new UserVectorSet(_columns, _columns.Filled);
            }
        }

        var fork = Rebuild(nowTicks);
        lock (fork.Gate)
        {
            Apply(fork, changed, deleted, nowTicks);
            return new UserVectorSet(fork, fork.Filled);
        }
    }

    private static bool Holds(SnapshotColumns columns, IReadOnlyList<VectorEntry> changed, IReadOnlyCollection<string>? deleted)
    {
        foreach (var entry in changed)
        {
            var index = columns.IndexOf(entry.Id, columns.Filled);
            if (index < 0 || !SameButOutcome(columns, index, entry)
                || (columns.Outcomes[index] != entry.Outcome && entry.Sequence >= columns.Sequences[index]))
            {
                return false;
            }
        }

        return deleted is null || deleted.All(id => columns.IndexOf(id, columns.Filled) < 0);
    }

    private static void Apply(SnapshotColumns columns, IReadOnlyList<VectorEntry> changed, IReadOnlyCollection<string>? deleted, long nowTicks)
    {
        foreach (var entry in changed)
        {
            var index = columns.IndexOf(entry.Id, columns.Filled);
            if (index >= 0 && SameButOutcome(columns, index, entry))
            {
                columns.SetOutcome(index, entry.Outcome, entry.Sequence);
                continue;
            }

            if (index >= 0)
            {
                columns.Delete(index);
            }

            if (entry.ExpiresAt.UtcTicks > nowTicks)
            {
                columns.Append(entry);
            }
        }

        foreach (var id in deleted ?? [])
        {
            var index = columns.IndexOf(id, columns.Filled);
            if (index >= 0)
            {
                columns.Delete(index);
            }
        }
    }

    // Compacts the lineage's newest snapshot when an eighth of it is dead; null when it stays.
    private static UserVectorSet? Compacted(SnapshotColumns columns, long nowTicks)
    {
        var dead = columns.Deleted;
        if (nowTicks >= columns.EarliestExpiry)
        {
            var expires = columns.Expires;
            for (var i = 0; i < columns.Filled; i++)
            {
                dead += expires[i] > long.MinValue && expires[i] <= nowTicks ? 1 : 0;
            }
        }

        if (dead == 0 || (long)dead * CompactionDivisor < columns.Filled)
        {
            return null;
        }

        var fresh = new UserVectorSet(columns, columns.Filled).Rebuild(nowTicks);
        return new UserVectorSet(fresh, fresh.Filled);
    }

    // New columns holding this snapshot's entries live at nowTicks, in order; their analyses are reused when known.
    private SnapshotColumns Rebuild(long nowTicks)
    {
        var lexical = _columns.Lexical;
        var analyses = lexical is null ? null : new List<AnalyzedDocument>(_count);
        var floats = 0;
        var live = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_expiresTicks[i] > nowTicks)
            {
                live++;
                floats += _lengths[i];
            }
        }

        var columns = new SnapshotColumns(live + (live / CompactionDivisor) + 4, floats + (floats / CompactionDivisor), _columns.Precision);
        lock (columns.Gate)
        {
            for (var i = 0; i < _count; i++)
            {
                if (_expiresTicks[i] > nowTicks)
                {
                    // Entries below this snapshot's count never move; a compact vector is copied, not quantised again.
                    columns.AppendFrom(_columns, i, null);
                    analyses?.Add(lexical!.Document(i));
                }
            }
        }

        if (analyses is not null)
        {
            columns.EnsureLexical(analyses);
        }

        return columns;
    }

    private static SnapshotColumns Build(IReadOnlyList<VectorEntry> entries, VectorPrecision precision)
    {
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown vector precision: use Full or Compact.");
        }

        ArgumentNullException.ThrowIfNull(entries);
        var floats = 0;
        foreach (var entry in entries)
        {
            floats += entry.Vector.Length;
        }

        var columns = new SnapshotColumns(entries.Count + (entries.Count / CompactionDivisor) + 4, floats + (floats / CompactionDivisor), precision);
        lock (columns.Gate)
        {
            foreach (var entry in entries)
            {
                columns.Append(entry);
            }
        }

        return columns;
    }

    private static bool SameButOutcome(SnapshotColumns columns, int i, in VectorEntry entry)
    {
        var (situation, text) = columns.Documents[i];
        return columns.KindNames[columns.Kinds[i]] == entry.Kind
            && columns.ModelNames[columns.Models[i]] == entry.EmbeddingModel
            && columns.Created[i] == entry.CreatedAt.UtcTicks
            && columns.Expires[i] == entry.ExpiresAt.UtcTicks
            && (double.IsNaN(columns.Qualities[i]) ? entry.Quality is null : columns.Qualities[i] == entry.Quality)
            && situation == entry.Situation && text == entry.Text && columns.Sessions[i] == entry.SessionId
            && columns.SameVector(i, entry.Vector.Span);
    }

    /// <summary>Counts the entries live at <paramref name="now"/> per embedder that produced their vectors.</summary>
    /// <remarks>What <see cref="Storage.IMemoryStore.CountEmbeddingModelsAsync"/> answers, from a cached snapshot: one pass, no I/O.</remarks>
    public IReadOnlyDictionary<string, long> CountLiveByEmbeddingModel(DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        var counts = new long[_modelNames.Length];
        for (var i = 0; i < _count; i++)
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
}
