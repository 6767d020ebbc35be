namespace Rapport.Search;

/// <summary>Keeps the best k candidates of a scan in order, without allocating per candidate.</summary>
/// <remarks>Order: similarity descending, then newer first, then id ordinal. k is small (at most
/// <see cref="Storage.MemorySearchRequest.MaxTop"/>), so an insertion into a sorted array beats a heap.</remarks>
internal sealed class TopMatches(int capacity)
{
    private readonly int[] _index = new int[capacity];
    private readonly float[] _similarity = new float[capacity];
    private readonly long[] _created = new long[capacity];
    private readonly string[] _ids = new string[capacity];
    private int _count;

    public void Offer(int index, float similarity, long createdTicks, string id)
    {
        if (_count == capacity && !Better(similarity, createdTicks, id, _count - 1))
        {
            return;
        }

        var position = _count == capacity ? capacity - 1 : _count++;
        while (position > 0 && Better(similarity, createdTicks, id, position - 1))
        {
            _index[position] = _index[position - 1];
            _similarity[position] = _similarity[position - 1];
            _created[position] = _created[position - 1];
            _ids[position] = _ids[position - 1];
            position--;
        }

        _index[position] = index;
        _similarity[position] = similarity;
        _created[position] = createdTicks;
        _ids[position] = id;
    }

    public IReadOnlyList<VectorMatch> ToMatches(string[] ids)
    {
        var matches = new VectorMatch[_count];
        for (var i = 0; i < _count; i++)
        {
            matches[i] = new VectorMatch(ids[_index[i]], _similarity[i]);
        }

        return matches;
    }

    private bool Better(float similarity, long createdTicks, string id, int slot) =>
        similarity > _similarity[slot]
        || (similarity == _similarity[slot]
            && (createdTicks > _created[slot]
                || (createdTicks == _created[slot] && string.CompareOrdinal(id, _ids[slot]) < 0)));
}
