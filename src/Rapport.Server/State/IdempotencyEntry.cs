namespace Rapport.Server.State;

/// <summary>An <c>Idempotency-Key</c>'s record as stored on Redis: claimed (<see cref="Token"/> set) or answered (<see cref="Response"/> set).</summary>
/// <param name="RequestHash">The SHA-256 of the method, path and body of the request that claimed it.</param>
/// <param name="Token">The claim's token while the request runs.</param>
/// <param name="Response">The first response once answered.</param>
internal sealed record IdempotencyEntry(string RequestHash, string? Token, StoredResponse? Response)
{
    /// <summary>Gets what a claimer finds in this entry.</summary>
    public IdempotencyClaim AsFound() => new(RequestHash, null, Response);
}
