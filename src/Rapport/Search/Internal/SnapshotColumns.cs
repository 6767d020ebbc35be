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
/// <para>Compact columns (<see cref="VectorPrecision.Compact"/>) hold each vector as int8 codes with a scale, its exact norm
/// and its relative quantisation error, and no 32-bit copy: exact re-scoring reads the store's (see
/// <see cref="CandidateMatches"/>).</para>
/// <para>Every mutation runs under <see cref="Gate"/>; readers read the arrays they captured, below their count, without it.</para>
/// </remarks>
internal sealed partial class SnapshotColumns
{
    private readonly Dictionary<string, int> _kindIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _modelIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _idIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sessionTail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sessionHead = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sessionOrdinal = new(StringComparer.Ordinal);
    private LexicalIndex? _lexical;

    public SnapshotColumns(int capacity, int vectorFloats, VectorPrecision precision = VectorPrecision.Full)
    {
        Precision = precision;
        Allocate(Math.Max(capacity, 4), vectorFloats);
    }

    /// <summary>Gets how vectors are held: in <see cref="Vectors"/> (32-bit) or <see cref="Codes"/> and <see cref="Scales"/> (int8).</summary>
    public VectorPrecision Precision { get; }

    /// <summary>Gets whether vectors are held as int8 codes (then <see cref="Vectors"/> is empty).</summary>
    public bool Compact => Precision == VectorPrecision.Compact;

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

    /// <summary>Gets each entry's session as a number below <see cref="SessionCount"/> (-1 for none), for per-session sums.</summary>
    public int[] SessionOrdinals { get; private set; } = [];

    /// <summary>Gets how many distinct sessions the entries written so far name.</summary>
    public int SessionCount => _sessionOrdinal.Count;

    public (string? Situation, string? Text)[] Documents { get; private set; } = [];

    public int[] Previous { get; private set; } = [];

    public int[] Next { get; private set; } = [];

    public long[] Sequences { get; private set; } = [];

    public float[] Vectors { get; private set; } = [];

    /// <summary>Gets the int8 codes of compact columns, at the same offsets <see cref="Vectors"/> would use.</summary>
    public sbyte[] Codes { get; private set; } = [];

    /// <summary>Gets each compact entry's scale (value = code * scale).</summary>
    public float[] Scales { get; private set; } = [];

    /// <summary>Gets each compact entry's relative quantisation error |v - v'| / |v|.</summary>
    public float[] Errors { get; private set; } = [];

    public string[] KindNames { get; private set; } = [];

    public string[] ModelNames { get; private set; } = [];

    /// <summary>Gets the number of entries written (the newest snapshot's count).</summary>
    public int Filled { get; private set; }

    /// <summary>Gets how many leading entries share the first one's embedder and dimension: a snapshot within them can be
    /// scanned as one contiguous matrix (their offsets are i times that dimension).</summary>
    public int UniformCount { get; private set; }

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

                AnalyzedDocument.OfEach(Documents, documents, known);

                Volatile.Write(ref _lexical, new LexicalIndex(documents, Ids.Length));
            }

            return _lexical;
        }
    }

    /// <summary>Returns the index of a present (not deleted) entry with <paramref name="id"/> below <paramref name="count"/>, or -1.</summary>
    public int IndexOf(string id, int count) => _idIndex.TryGetValue(id, out var index) && index < count ? index : -1;

    /// <summary>Appends one entry as position <see cref="Filled"/>; analyzed is its lexical analysis when already known.</summary>
    public void Append(in VectorEntry entry, AnalyzedDocument? analyzed = null) => Append(entry, analyzed, null, 0);

    /// <summary>Appends entry <paramref name="index"/> of <paramref name="source"/> (columns of the same precision), its
    /// vector copied as held there (a compact one is not quantised twice).</summary>
    public void AppendFrom(SnapshotColumns source, int index, AnalyzedDocument? analyzed) => Append(source.EntryAt(index), analyzed, source, index);

    private void Append(in VectorEntry entry, AnalyzedDocument? analyzed, SnapshotColumns? source, int sourceIndex)
    {
        var i = Filled;
        var length = source?.Lengths[sourceIndex] ?? entry.Vector.Length;
        if (i == Ids.Length || VectorsFilled + length > VectorCapacity)
        {
            Allocate(Math.Max(i + 1, Ids.Length + (Ids.Length / 2)), VectorsFilled + length);
        }

        Ids[i] = entry.Id;
        Kinds[i] = IndexOf(_kindIndex, entry.Kind, names => KindNames = names, KindNames);
        Models[i] = IndexOf(_modelIndex, entry.EmbeddingModel, names => ModelNames = names, ModelNames);
        Outcomes[i] = entry.Outcome;
        Qualities[i] = entry.Quality ?? double.NaN;
        Created[i] = entry.CreatedAt.UtcTicks;
        Expires[i] = entry.ExpiresAt.UtcTicks;
        StoreVector(i, entry.Vector.Span, length, source, sourceIndex);
        Sessions[i] = entry.SessionId;
        SessionOrdinals[i] = string.IsNullOrEmpty(entry.SessionId) ? -1
            : _sessionOrdinal.TryGetValue(entry.SessionId, out var session) ? session : _sessionOrdinal[entry.SessionId] = _sessionOrdinal.Count;
        Documents[i] = (entry.Situation, entry.Text);
        Sequences[i] = entry.Sequence;
        Previous[i] = -1;
        Next[i] = -1;
        VectorsFilled += length;
        UniformCount += UniformCount == i && Models[i] == 0 && length == Lengths[0] ? 1 : 0;
        TextBytes += StringBytes(entry.Situation) + StringBytes(entry.Text) + StringBytes(entry.Id) + StringBytes(entry.SessionId);
        EarliestExpiry = Math.Min(EarliestExpiry, Expires[i]);
        _idIndex[entry.Id] = i;
        Link(i);
        Lexical?.Append(analyzed ?? AnalyzedDocument.Of(entry.Situation, entry.Text));
        Filled = i + 1;
    }

    // Writes entry i's vector at VectorsFilled: copied from source when given, else from vector (quantised when compact).
    private void StoreVector(int i, ReadOnlySpan<float> vector, int length, SnapshotColumns? source, int sourceIndex)
    {
        Offsets[i] = VectorsFilled;
        Lengths[i] = length;
        if (source is not null)
        {
            var from = source.Offsets[sourceIndex];
            Norms[i] = source.Norms[sourceIndex];
            if (Compact)
            {
                source.Codes.AsSpan(from, length).CopyTo(Codes.AsSpan(VectorsFilled));
                Scales[i] = source.Scales[sourceIndex];
                Errors[i] = source.Errors[sourceIndex];
            }
            else
            {
                source.Vectors.AsSpan(from, length).CopyTo(Vectors.AsSpan(VectorsFilled));
            }

            return;
        }

        Norms[i] = TensorPrimitives.Norm(vector);
        if (Compact)
        {
            (Scales[i], Errors[i]) = Int8Codes.Encode(vector, Codes.AsSpan(VectorsFilled, length));
        }
        else
        {
            vector.CopyTo(Vectors.AsSpan(VectorsFilled));
        }
    }

    /// <summary>Returns whether entry <paramref name="i"/> holds <paramref name="vector"/> (for a compact entry: its codes,
    /// scale and norm, which is as close as compact columns can tell).</summary>
    public bool SameVector(int i, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Lengths[i])
        {
            return false;
        }

        if (!Compact)
        {
            return Vectors.AsSpan(Offsets[i], Lengths[i]).SequenceEqual(vector);
        }

        var codes = vector.Length <= 1024 ? stackalloc sbyte[vector.Length] : new sbyte[vector.Length];
        var (scale, _) = Int8Codes.Encode(vector, codes);
        return scale == Scales[i] && TensorPrimitives.Norm(vector) == Norms[i] && codes.SequenceEqual(Codes.AsSpan(Offsets[i], Lengths[i]));
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

    /// <summary>Returns entry <paramref name="i"/> as it was written (its vector is a view of the shared array; empty when compact).</summary>
    public VectorEntry EntryAt(int i) => new(
        Ids[i],
        KindNames[Kinds[i]],
        Outcomes[i],
        double.IsNaN(Qualities[i]) ? null : Qualities[i],
        new DateTimeOffset(Created[i], TimeSpan.Zero),
        new DateTimeOffset(Math.Max(Expires[i], DateTimeOffset.MinValue.UtcTicks), TimeSpan.Zero),
        ModelNames[Models[i]],
        Compact ? ReadOnlyMemory<float>.Empty : new ReadOnlyMemory<float>(Vectors, Offsets[i], Lengths[i]),
        Documents[i].Situation,
        Documents[i].Text,
        Sessions[i],
        Sequences[i]);

    /// <summary>Approximate bytes held, for the cache's accounting: vectors, about 140 bytes of columns and indexes per slot,
    /// the texts, and the lexical index (checked against the GC heap by bench/Rapport.Benchmarks --sizes).</summary>
    public long EstimatedBytes() =>
        (Vectors.Length * 4L) + Codes.Length + (Compact ? Ids.Length * 8L : 0) + (Ids.Length * 140L) + TextBytes + (Lexical?.EstimatedBytes() ?? 0);

    // The floats (or codes) the vector column holds room for.
    private int VectorCapacity => Compact ? Codes.Length : Vectors.Length;

    // A string's bytes on the heap: header and length, then UTF-16.
    private static long StringBytes(string? value) => value is null ? 0 : 24 + (2L * value.Length);

    private void Allocate(int capacity, int vectorFloats)
    {
        var floats = Math.Max(vectorFloats, VectorCapacity + (VectorCapacity / 2));
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
        SessionOrdinals = Resized(SessionOrdinals, capacity);
        Documents = Resized(Documents, capacity);
        Previous = Resized(Previous, capacity);
        Next = Resized(Next, capacity);
        Sequences = Resized(Sequences, capacity);
        if (Compact)
        {
            Scales = Resized(Scales, capacity);
            Errors = Resized(Errors, capacity);
            Codes = Resized(Codes, floats, VectorsFilled);
        }
        else
        {
            Vectors = Resized(Vectors, floats, VectorsFilled);
        }
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
