namespace Rapport.Redis.Operations;

/// <summary>The <c>limit</c> most recent of the outcomes a store-wide scan offers, kept as the scan goes: memory bounded by
/// the limit, not by the store.</summary>
/// <remarks>A min-heap of the kept ones by creation time, whose least recent a newer offer replaces. Ties of creation time
/// break by user, then by id (ordinal), so what is kept does not depend on the order in which users are scanned. Not thread-safe.</remarks>
internal sealed class RecentOutcomes
{
    private readonly int _limit;
    private readonly PriorityQueue<Candidate, Candidate> _kept;

    /// <summary>Creates an empty selection of at most <paramref name="limit"/> outcomes.</summary>
    public RecentOutcomes(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _limit = limit;
        _kept = new PriorityQueue<Candidate, Candidate>(Math.Min(limit, 4096), Comparer<Candidate>.Create(Compare));
    }

    /// <summary>Offers one intervention with a known outcome; it is kept while it is among the <c>limit</c> most recent offered.</summary>
    public void Offer(string user, string id, long createdTicks)
    {
        if (_limit == 0)
        {
            return;
        }

        var candidate = new Candidate(user, id, createdTicks);
        if (_kept.Count < _limit)
        {
            _kept.Enqueue(candidate, candidate);
        }
        else
        {
            // Returns the least recent of the kept ones and the new one, which is then no longer kept.
            _ = _kept.EnqueueDequeue(candidate, candidate);
        }
    }

    /// <summary>Returns the kept outcomes, the most recent first, and empties the selection.</summary>
    public List<Candidate> TakeNewestFirst()
    {
        var newest = new List<Candidate>(_kept.Count);
        while (_kept.TryDequeue(out var candidate, out _))
        {
            newest.Add(candidate);
        }

        newest.Reverse();
        return newest;
    }

    private static int Compare(Candidate x, Candidate y)
    {
        var order = x.CreatedTicks.CompareTo(y.CreatedTicks);
        if (order == 0)
        {
            order = string.CompareOrdinal(x.User, y.User);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>One intervention with a known outcome, by its user, record id and creation time.</summary>
    internal readonly record struct Candidate(string User, string Id, long CreatedTicks);
}
