namespace Rapport.Storage;

/// <summary>One user in a store's directory: counts and last activity, no text.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Interventions">Their live interventions.</param>
/// <param name="Helped">How many helped.</param>
/// <param name="NotHelped">How many did not help.</param>
/// <param name="LastActivity">When their latest intervention was recorded.</param>
public sealed record UserSummary(string UserId, long Interventions, long Helped, long NotHelped, DateTimeOffset LastActivity);
