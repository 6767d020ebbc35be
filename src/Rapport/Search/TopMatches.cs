namespace Rapport.Search;

/// <summary>Keeps the best k candidates of a scan in order, without allocating per candidate.</summary>
/// <remarks>Order: score descending, then newer first, then id ordinal. k is small (at most
/// <see cref="Storage.MemorySearchRequest.MaxTop"/>), so an insertion into a sorted array beats a heap.</remarks>
internal sealed class TopMatches(int capacity)
{
    private readonly int[] _index = new int[capacity];
    private readonly float[] _score = new float[capacity];
    private readonly long[] _created = new long[capacity];
    private readonly string[] _ids = new string[capacity];

    public int Count { get; private set; }

    public int IndexAt(int rank) => _index[rank];

    public float ScoreAt(int rank) => _score[rank];

    public void Offer(int index, float score, long createdTicks, string id)
    {
        if (Count == capacity && !Better(score, createdTicks, id, Count - 1))
        {
            return;
        }

        var position = Count == capacity ? capacity - 1 : Count++;
        while (position > 0 && Better(score, createdTicks, id, position - 1))
        {
            _index[position] = _index[position - 1];
            _score[position] = _score[position - 1];
            _created[position] = _created[position - 1];
            _ids[position] = _ids[position - 1];
            position--;
        }

        _index[position] = index;
        _score[position] = score;
        _created[position] = createdTicks;
        _ids[position] = id;
    }

    private bool Better(float score, long createdTicks, string id, int slot) =>
        score > _score[slot]
        || (score == _score[slot]
            && (createdTicks > _created[slot]
                || (createdTicks == _created[slot] && string.CompareOrdinal(id, _ids[slot]) < 0)));
}
