using System.Collections.Concurrent;

namespace Rapport.Server.Tenants;

/// <summary>One tenant's first responses to writes sent with an <c>Idempotency-Key</c>, kept for a lifetime.</summary>
/// <remarks>Per process: behind a load balancer, route a tenant's retries to the same instance or rely on the library's own
/// checks. One gate per key serializes concurrent retries, so the write runs once.</remarks>
internal sealed class IdempotencyCache(TimeSpan lifetime, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StoredResponse> _responses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Gets the gate that serializes requests with one key.</summary>
    public SemaphoreSlim Gate(string key) => _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    /// <summary>Returns the stored response for the key, or <see langword="null"/>.</summary>
    public StoredResponse? Find(string key)
    {
        if (!_responses.TryGetValue(key, out var stored))
        {
            return null;
        }

        if (stored.Expires > time.GetUtcNow())
        {
            return stored;
        }

        _responses.TryRemove(key, out _);
        return null;
    }

    /// <summary>Stores the first response to the key.</summary>
    public void Store(string key, string requestHash, int status, string? contentType, byte[] body)
    {
        Sweep();
        _responses[key] = new StoredResponse(requestHash, status, contentType, body, time.GetUtcNow() + lifetime);
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, stored) in _responses)
        {
            if (stored.Expires <= now)
            {
                _responses.TryRemove(key, out _);
            }
        }
    }
}
