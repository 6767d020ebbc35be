namespace Rapport.Redis.Outbox;

/// <summary>One acknowledged write waiting in the outbox, in the order it was acknowledged.</summary>
/// <param name="Sequence">The position in the outbox (replay order).</param>
/// <param name="UserId">The user the write belongs to (a forget removes the user's pending entries).</param>
/// <param name="Kind">What the payload holds: <see cref="OutboxKinds"/>.</param>
/// <param name="Payload">The write, as JSON.</param>
/// <param name="Records">How many records the write holds.</param>
internal sealed record OutboxEntry(long Sequence, string UserId, string Kind, string Payload, int Records);
