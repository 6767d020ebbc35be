namespace Rapport.Server.State;

/// <summary>What claiming an <c>Idempotency-Key</c> found: the claim is ours (<see cref="Token"/>), the first response is
/// stored (<see cref="Stored"/>), or another request holds the key (both <see langword="null"/>).</summary>
/// <param name="RequestHash">The hash of the request that holds or answered the key.</param>
/// <param name="Token">Our claim's token when we hold the key now, else <see langword="null"/>.</param>
/// <param name="Stored">The stored first response, else <see langword="null"/>.</param>
internal sealed record IdempotencyClaim(string RequestHash, string? Token, StoredResponse? Stored)
{
    /// <summary>Gets whether another request holds the key and has not answered yet.</summary>
    public bool Busy => Token is null && Stored is null;
}
