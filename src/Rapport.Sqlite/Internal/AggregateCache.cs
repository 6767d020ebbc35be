namespace Rapport.Sqlite.Internal;

/// <summary>Store-wide aggregates (the dashboard's counts and curves) kept until the store changes: exact, never stale.</summary>
/// <remarks>
/// <para>
/// An entry holds while the file's <c>write_sequence</c> has not moved (every write that changes what is live takes a number
/// from it, forget included, in every process sharing the file) and the store's clock has not reached the next live record's
/// expiry (the one way live figures change without a write). Callers read both marks before computing, so a write that lands
/// during the computation only makes the entry look older than it is, never newer.
/// </para>
/// <para>Thread-safe. At most <see cref="MaxEntries"/> entries (one per query and arguments); all go when the sequence moves.</para>
/// </remarks>
internal sealed class AggregateCache
{
    /// <summary>The most entries kept (user-directory prefixes typed by an operator are the only open-ended keys).</summary>
    public const int MaxEntries = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, object> _entries = new(StringComparer.Ordinal);
    private long _sequence = -1;
    private long _validUntil;

    /// <summary>Returns the entry for <paramref name="key"/> when it was computed at <paramref name="sequence"/> and <paramref name="now"/> is before the next expiry.</summary>
    public bool TryGet<T>(string key, long sequence, long now, out T value)
        where T : class
    {
        lock (_lock)
        {
            if (sequence == _sequence && now < _validUntil && _entries.TryGetValue(key, out var found) && found is T typed)
            {
                value = typed;
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/>, computed at <paramref name="sequence"/>, until the store's clock reaches <paramref name="validUntil"/>.</summary>
    public void Set(string key, long sequence, long validUntil, object value)
    {
        lock (_lock)
        {
            if (sequence != _sequence || _entries.Count >= MaxEntries)
            {
                if (sequence < _sequence)
                {
                    return;
                }

                _entries.Clear();
                _sequence = sequence;
                _validUntil = validUntil;
            }

            _validUntil = Math.Min(_validUntil, validUntil);
            _entries[key] = value;
        }
    }

    /// <summary>Drops every entry (a write in this process that bypasses the sequence, such as a purge).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _sequence = -1;
        }
    }
}
