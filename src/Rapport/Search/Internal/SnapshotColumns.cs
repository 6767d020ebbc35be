using System.Numerics.Tensors;
using Rapport.Memory;

namespace Rapport.Search.Internal;

/// <summary>The growable columns that every snapshot of one user's lineage shares (see <see cref="UserVectorSet"/>).</summary>
/// <remarks>
/// <para>
/// A snapshot is a count over these columns. Appending to the newest snapshot writes in place past its count (no other
/// snapshot reads there) and grows the arrays by half when full, so a write costs amortised O(1) and copies nothing of
/// the entries already there. Appending to an older snapshot (one that another append already went past) forks: its
/// entries are copied into new columns, which is rare (two writers of one user racing in one process).
/// </para>
/// <para>
/// Two changes are made in place and seen by every snapshot sharing the columns: an outcome (newest sequence number
/// wins) and a deletion (the entry's expiry is set to the distant past, so every search skips it). A search that is
/// already running may see either; both are what the store holds by then.
/// </para>
/// <para>Every mutation runs under <see cref="Gate"/>; readers read the arrays they captured, below their count, without it.</para>
/// </remarks>
internal sealed class SnapshotColumns
{
    private readonly Dictionary<string, int> _kindIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _modelIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _idIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sessionTail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sessionHead = new(StringComparer.Ordinal);
    private LexicalIndex? _lexical;

    public SnapshotColumns(int capacity, int vectorFloats)
    {
        Allocate(Math.Max(capacity, 4), vectorFloats);
    }

    /// <summary>Gets the lock every mutation takes.</summary>
    public Lock Gate { get; } = new();

    public string[] Ids { get; private set; } = [];

    public int[] Kinds { get; private set; } = [];

    public InterventionOutcome[] Outcomes { get; private set; } = [];

    public double[] Qualities { get; private set; } = [];

    public long[] Created { get; private set; } = [];

    public long[] Expires { get; private set; } = [];

    public int[] Models { get; private set; } = [];

    public int[] Offsets { get; private set; } = [];

    public int[] Lengths { get; private set; } = [];

    public float[] Norms { get; private set; } = [];

    public string?[] Sessions { get; private set; } = [];

    public (string? Situation, string? Text)[] Documents { get; private set; } = [];

    public int[] Previous { get; private set; } = [];

    public int[] Next { get; private set; } = [];

    public long[] Sequences { get; private set; } = [];

    public float[] Vectors { get; private set; } = [];

    public string[] KindNames { get; private set; } = [];

    public string[] ModelNames { get; private set; } = [];

    /// <summary>Gets the number of entries written (the newest snapshot's count).</summary>
    public int Filled { get; private set; }

    /// <summary>Gets the number of floats written into <see cref="Vectors"/>.</summary>
    public int VectorsFilled { get; private set; }

    /// <summary>Gets how many entries were deleted in place (they still take their slots until compaction).</summary>
    public int Deleted { get; private set; }

    /// <summary>Gets the earliest expiry among the entries, a lower bound (deleted entries are not taken out).</summary>
    public long EarliestExpiry { get; private set; } = long.MaxValue;

    /// <summary>Gets the bytes of the texts held (UTF-16), for the cache's accounting.</summary>
    public long TextBytes { get; private set; }

    /// <summary>Gets the lexical index, once built (<see cref="EnsureLexical"/>); it grows with every later append.</summary>
    public LexicalIndex? Lexical => Volatile.Read(ref _lexical);

    /// <summary>Builds the lexical index over every entry written so far, when not built yet.</summary>
    /// <param name="analyzed">Analyses known for the first entries (from the columns this lineage was compacted from), or null.</param>
    public LexicalIndex EnsureLexical(IReadOnlyList<AnalyzedDocument>? analyzed = null)
    {
        if (Lexical is { } built)
        {
            return built;
        }

        lock (Gate)
        {
            if (_lexical is null)
            {
                var documents = new AnalyzedDocument[Filled];
                var known = analyzed is null ? 0 : Math.Min(analyzed.Count, documents.Length);
                for (var i = 0; i < known; i++)
                {
                    documents[i] = analyzed![i];
                }

                AnalyzeRange(documents, known);

                Volatile.Write(ref _lexical, new LexicalIndex(documents, Ids.Length));
            }

            return _lexical;
        }
    }

    // A cold load analyzes thousands of documents at once: in slices on every core, each slice with its own cache of
    // words already stemmed. Every document's analysis depends on its own text alone, so the result is the same.
    private void AnalyzeRange(AnalyzedDocument[] documents, int from)
    {
        const int SliceSize = 2_048;
        var slices = (documents.Length - from + SliceSize - 1) / SliceSize;
        if (slices <= 1)
        {
            var cache = new TermCache();
            for (var i = from; i < documents.Length; i++)
            {
                documents[i] = AnalyzedDocument.Of(Documents[i].Situation, Documents[i].Text, cache);
            }

            return;
        }

        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, slice =>
        {
            var cache = new TermCache();
            var end = Math.Min(documents.Length, from + ((slice + 1) * SliceSize));
            for (var i = from + (slice * SliceSize); i < end; i++)
            {
                documents[i] = AnalyzedDocument.Of(Documents[i].Situation, Documents[i].Text, cache);
            }
        });
    }

    /// <summary>Returns the index of a present (not deleted) entry with <paramref name="id"/> below <paramref name="count"/>, or -1.</summary>
    public int IndexOf(string id, int count) => _idIndex.TryGetValue(id, out var index) && index < count ? index : -1;

    /// <summary>Appends one entry as position <see cref="Filled"/>; analyzed is its lexical analysis when already known.</summary>
    public void Append(in VectorEntry entry, AnalyzedDocument? analyzed = null)
    {
        var i = Filled;
        var vector = entry.Vector.Span;
        if (i == Ids.Length || VectorsFilled + vector.Length > Vectors.Length)
        {
            Allocate(Math.Max(i + 1, Ids.Length + (Ids.Length / 2)), VectorsFilled + vector.Length);
        }

        Ids[i] = entry.Id;
        Kinds[i] = IndexOf(_kindIndex, entry.Kind, names => KindNames = names, KindNames);
        Models[i] = IndexOf(_modelIndex, entry.EmbeddingModel, names => ModelNames = names, ModelNames);
        Outcomes[i] = entry.Outcome;
        Qualities[i] = entry.Quality ?? double.NaN;
        Created[i] = entry.CreatedAt.UtcTicks;
        Expires[i] = entry.ExpiresAt.UtcTicks;
        vector.CopyTo(Vectors.AsSpan(VectorsFilled));
        Offsets[i] = VectorsFilled;
        Lengths[i] = vector.Length;
        Norms[i] = TensorPrimitives.Norm(vector);
        Sessions[i] = entry.SessionId;
        Documents[i] = (entry.Situation, entry.Text);
        Sequences[i] = entry.Sequence;
        Previous[i] = -1;
        Next[i] = -1;
        VectorsFilled += vector.Length;
        TextBytes += StringBytes(entry.Situation) + StringBytes(entry.Text) + StringBytes(entry.Id) + StringBytes(entry.SessionId);
        EarliestExpiry = Math.Min(EarliestExpiry, Expires[i]);
        _idIndex[entry.Id] = i;
        Link(i);
        Lexical?.Append(analyzed ?? AnalyzedDocument.Of(entry.Situation, entry.Text));
        Filled = i + 1;
    }

    /// <summary>Sets the outcome of entry <paramref name="i"/> unless it already holds a newer change.</summary>
    public void SetOutcome(int i, InterventionOutcome outcome, long sequence)
    {
        if (sequence == 0 || sequence >= Sequences[i])
        {
            Outcomes[i] = outcome;
            Sequences[i] = Math.Max(Sequences[i], sequence);
        }
    }

    /// <summary>Deletes entry <paramref name="i"/> in place: every search skips it from now on.</summary>
    public void Delete(int i)
    {
        Volatile.Write(ref Expires[i], long.MinValue);
        _idIndex.Remove(Ids[i]);
        Deleted++;
    }

    /// <summary>Returns entry <paramref name="i"/> as it was written (its vector is a view of the shared array).</summary>
    public VectorEntry EntryAt(int i) => new(
        Ids[i],
        KindNames[Kinds[i]],
        Outcomes[i],
        double.IsNaN(Qualities[i]) ? null : Qualities[i],
        new DateTimeOffset(Created[i], TimeSpan.Zero),
        new DateTimeOffset(Math.Max(Expires[i], DateTimeOffset.MinValue.UtcTicks), TimeSpan.Zero),
        ModelNames[Models[i]],
        new ReadOnlyMemory<float>(Vectors, Offsets[i], Lengths[i]),
        Documents[i].Situation,
        Documents[i].Text,
        Sessions[i],
        Sequences[i]);

    /// <summary>Approximate bytes held, for the cache's accounting: vectors, about 140 bytes of columns and indexes per slot,
    /// the texts, and the lexical index (checked against the GC heap by bench/Rapport.Benchmarks --sizes).</summary>
    public long EstimatedBytes() =>
        (Vectors.Length * 4L) + (Ids.Length * 140L) + TextBytes + (Lexical?.EstimatedBytes() ?? 0);

    // A string's bytes on the heap: header and length, then UTF-16.
    private static long StringBytes(string? value) => value is null ? 0 : 24 + (2L * value.Length);

    // Links entry i into its session's chain, ordered by creation time then id. New entries are almost always the session's newest.
    private void Link(int i)
    {
        var session = Sessions[i];
        if (string.IsNullOrEmpty(session))
        {
            return;
        }

        if (!_sessionTail.TryGetValue(session, out var tail))
        {
            _sessionTail[session] = i;
            _sessionHead[session] = i;
            return;
        }

        // Entries loaded newest first (SQLite's index order) each go before the session's first: O(1), not a walk.
        var head = _sessionHead[session];
        if (Later(head, i))
        {
            Next[i] = head;
            Previous[head] = i;
            _sessionHead[session] = i;
            return;
        }

        var before = tail;
        while (before >= 0 && Later(before, i))
        {
            before = Previous[before];
        }

        var after = Next[before];
        Previous[i] = before;
        Next[i] = after;
        if (before >= 0)
        {
            Next[before] = i;
        }

        if (after >= 0)
        {
            Previous[after] = i;
        }
        else
        {
            _sessionTail[session] = i;
        }
    }

    private bool Later(int a, int b) =>
        Created[a] > Created[b] || (Created[a] == Created[b] && string.CompareOrdinal(Ids[a], Ids[b]) > 0);

    private void Allocate(int capacity, int vectorFloats)
    {
        var floats = Math.Max(vectorFloats, Vectors.Length + (Vectors.Length / 2));
        if (Filled > 0 && capacity > 0)
        {
            floats = Math.Max(floats, (int)Math.Min(int.MaxValue, (long)VectorsFilled * capacity / Filled));
        }

        // New arrays, never resized in place: a snapshot that captured the old ones keeps reading them.
        Ids = Resized(Ids, capacity);
        Kinds = Resized(Kinds, capacity);
        Outcomes = Resized(Outcomes, capacity);
        Qualities = Resized(Qualities, capacity);
        Created = Resized(Created, capacity);
        Expires = Resized(Expires, capacity);
        Models = Resized(Models, capacity);
        Offsets = Resized(Offsets, capacity);
        Lengths = Resized(Lengths, capacity);
        Norms = Resized(Norms, capacity);
        Sessions = Resized(Sessions, capacity);
        Documents = Resized(Documents, capacity);
        Previous = Resized(Previous, capacity);
        Next = Resized(Next, capacity);
        Sequences = Resized(Sequences, capacity);
        Vectors = Resized(Vectors, floats, VectorsFilled);
    }

    private T[] Resized<T>(T[] source, int capacity, int? used = null)
    {
        if (source.Length >= capacity && used is null)
        {
            return source;
        }

        var target = new T[Math.Max(capacity, source.Length)];
        Array.Copy(source, target, used ?? Filled);
        return target;
    }

    private static int IndexOf(Dictionary<string, int> index, string key, Action<string[]> publish, string[] names)
    {
        if (!index.TryGetValue(key, out var value))
        {
            value = index.Count;
            index[key] = value;
            publish([.. names, key]);
        }

        return value;
    }
}
