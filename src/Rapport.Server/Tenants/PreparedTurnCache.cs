using Rapport.SelfImprovement;

namespace Rapport.Server.Tenants;

/// <summary>One tenant's prepared turns waiting for completion: bounded (the oldest goes first) and expiring.</summary>
/// <remarks>A turn is taken out when completed, so completing twice without an <c>Idempotency-Key</c> finds nothing the second time.</remarks>
internal sealed class PreparedTurnCache(int capacity, TimeSpan lifetime, TimeProvider time)
{
    private readonly Dictionary<string, (PreparedTurn Turn, DateTimeOffset Expires, LinkedListNode<string> Node)> _turns = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Gets how many turns wait.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _turns.Count;
            }
        }
    }

    /// <summary>Keeps a prepared turn, evicting the oldest when full.</summary>
    public void Add(PreparedTurn turn)
    {
        lock (_lock)
        {
            while (_turns.Count >= capacity && _order.First is { } oldest)
            {
                _turns.Remove(oldest.Value);
                _order.RemoveFirst();
            }

            var node = _order.AddLast(turn.Id);
            _turns[turn.Id] = (turn, time.GetUtcNow() + lifetime, node);
        }
    }

    /// <summary>Returns the turn if it is still waiting and not expired, without taking it.</summary>
    public PreparedTurn? Peek(string id)
    {
        lock (_lock)
        {
            if (!_turns.TryGetValue(id, out var entry))
            {
                return null;
            }

            if (entry.Expires <= time.GetUtcNow())
            {
                _turns.Remove(id);
                _order.Remove(entry.Node);
                return null;
            }

            return entry.Turn;
        }
    }

    /// <summary>Takes the turn out; returns whether it was there.</summary>
    public bool Remove(string id)
    {
        lock (_lock)
        {
            if (!_turns.Remove(id, out var entry))
            {
                return false;
            }

            _order.Remove(entry.Node);
            return true;
        }
    }

    /// <summary>Drops every waiting turn of a user (their data must not outlive a forget).</summary>
    public void ForgetUser(string userId)
    {
        lock (_lock)
        {
            foreach (var id in _turns.Where(t => t.Value.Turn.UserId == userId).Select(t => t.Key).ToList())
            {
                _order.Remove(_turns[id].Node);
                _turns.Remove(id);
            }
        }
    }
}
