namespace Rapport.Server.State;

/// <summary>One tenant's <c>Idempotency-Key</c> records, in the store in use so every instance sees them.</summary>
/// <remarks>
/// Claiming is atomic across instances: of concurrent requests with one key exactly one gets the claim and runs; the others
/// find it busy, then find its stored response. A claim lasts a lease, so a key held by an instance that died is claimable
/// again once the lease ends. Keys passed in are already scoped to the API key. Thread-safe.
/// </remarks>
internal interface IIdempotencyStore
{
    /// <summary>Claims the key for a request with that hash, or reports who holds or answered it.</summary>
    Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken = default);

    /// <summary>Stores the first response for the key (kept for the idempotency lifetime), tagged with the user it touched.</summary>
    Task CompleteAsync(string key, string requestHash, StoredResponse response, string? userId, CancellationToken cancellationToken = default);

    /// <summary>Drops our claim (the request failed in a way a retry should repeat).</summary>
    Task ReleaseAsync(string key, string requestHash, string token, CancellationToken cancellationToken = default);

    /// <summary>Drops every stored response tagged with the user (their words must not outlive a forget).</summary>
    Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default);
}
