namespace Rapport.Embeddings;

/// <summary>The last few texts a memory service embedded, with their vectors, so the same text is not embedded twice in a row.</summary>
/// <remarks>
/// The loop's usual turn recalls with the user's situation and then records an intervention for that same situation;
/// remembering the recall's vector saves the record its own embedding call (the embedder is the costliest part of a turn).
/// Bounded (oldest out first), exact text match, thread-safe. It lives as long as its memory service, in this process only.
/// </remarks>
internal sealed class RecentEmbeddings(int capacity)
{
    private readonly Dictionary<string, ReadOnlyMemory<float>> _vectors = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public bool TryGet(string text, out ReadOnlyMemory<float> vector)
    {
        lock (_lock)
        {
            return _vectors.TryGetValue(text, out vector);
        }
    }

    public void Add(string text, ReadOnlyMemory<float> vector)
    {
        lock (_lock)
        {
            if (!_vectors.TryAdd(text, vector))
            {
                return;
            }

            _order.Enqueue(text);
            if (_order.Count > capacity)
            {
                _vectors.Remove(_order.Dequeue());
            }
        }
    }
}
