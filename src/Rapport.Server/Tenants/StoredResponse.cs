namespace Rapport.Server.Tenants;

/// <summary>The first response to an idempotent write.</summary>
/// <param name="RequestHash">The SHA-256 of the method, path and body it answered.</param>
/// <param name="Status">Its status code.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Body">Its body.</param>
/// <param name="Expires">When it is dropped.</param>
internal sealed record StoredResponse(string RequestHash, int Status, string? ContentType, byte[] Body, DateTimeOffset Expires);
