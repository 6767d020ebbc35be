namespace Rapport.Embeddings;

/// <summary>The last few situations a memory service embedded, per user, with their vectors, so the same text is not embedded twice in a row.</summary>
/// <remarks>
/// A caller that recalls with the user's situation and then records an intervention for that same situation through the
/// public API saves the record its own embedding call (the embedder is the costliest part of a turn). The loop's turn
/// carries its vector itself and does not depend on this. Entries are keyed by user so that forgetting a user removes
/// their texts from here too (<see cref="Forget"/>). Bounded (oldest out first), exact text match, thread-safe. It lives
/// as long as its memory service, in this process only.
/// </remarks>
internal sealed class RecentEmbeddings(int capacity)
{
    private readonly Dictionary<(string User, string Text), ReadOnlyMemory<float>> _vectors = [];
    private readonly Queue<(string User, string Text)> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _vectors.Count;
            }
        }
    }

    public bool TryGet(string userId, string text, out ReadOnlyMemory<float> vector)
    {
        lock (_lock)
        {
            return _vectors.TryGetValue((userId, text), out vector);
        }
    }

    public void Add(string userId, string text, ReadOnlyMemory<float> vector)
    {
        lock (_lock)
        {
            if (!_vectors.TryAdd((userId, text), vector))
            {
                return;
            }

            _order.Enqueue((userId, text));
            while (_order.Count > capacity)
            {
                _vectors.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>Removes every entry of <paramref name="userId"/>.</summary>
    public void Forget(string userId)
    {
        lock (_lock)
        {
            var kept = _order.Where(k => !string.Equals(k.User, userId, StringComparison.Ordinal)).ToList();
            foreach (var key in _order.Where(k => string.Equals(k.User, userId, StringComparison.Ordinal)))
            {
                _vectors.Remove(key);
            }

            _order.Clear();
            foreach (var key in kept)
            {
                _order.Enqueue(key);
            }
        }
    }
}
