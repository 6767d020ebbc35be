using Rapport.Memory;

namespace Rapport.Redis.Operations;

/// <summary>One live intervention as a store-wide scan reads it (<c>aggregate.lua</c>): no text but the session id.</summary>
/// <param name="Kind">The kind of intervention.</param>
/// <param name="Outcome">Its outcome.</param>
/// <param name="CreatedTicks">When it was created, in UTC ticks.</param>
/// <param name="Quality">Its quality, if scored.</param>
/// <param name="Session">Its session id, if any.</param>
/// <param name="Id">Its record id, when the scan was asked for outcome keys.</param>
/// <param name="Model">Its embedding model, when the scan was asked for outcome keys and its outcome is known.</param>
internal sealed record AggregateRow(
    string Kind, InterventionOutcome Outcome, long CreatedTicks, double? Quality, string? Session, string? Id = null, string? Model = null);
