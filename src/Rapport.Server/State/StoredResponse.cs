namespace Rapport.Server.State;

/// <summary>The first response to an idempotent write.</summary>
/// <param name="Status">Its status code.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Body">Its body.</param>
internal sealed record StoredResponse(int Status, string? ContentType, byte[] Body);
