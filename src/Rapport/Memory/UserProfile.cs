namespace Rapport.Memory;

/// <summary>What Rapport knows about one user: stated preferences and facts, and outcome counts per kind.</summary>
/// <remarks>
/// <see cref="Preferences"/> and <see cref="Facts"/> are stored as given. <see cref="KindOutcomes"/> and
/// <see cref="LastActivity"/> are derived by the store from the user's live records when read, so they can
/// never drift from the memories they summarise and they decay with them.
/// </remarks>
public sealed record UserProfile
{
    /// <summary>Gets the user.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets stated preferences, for example <c>tone = brief</c>.</summary>
    public IReadOnlyDictionary<string, string> Preferences { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets facts worth remembering, for example "has exams in June".</summary>
    public IReadOnlyList<string> Facts { get; init; } = [];

    /// <summary>Gets outcome counts per intervention kind (derived; ignored on save).</summary>
    public IReadOnlyDictionary<string, KindOutcomeCounts> KindOutcomes { get; init; } = new Dictionary<string, KindOutcomeCounts>();

    /// <summary>Gets the time of the user's latest record of any type (derived; ignored on save).</summary>
    public DateTimeOffset? LastActivity { get; init; }

    /// <summary>Gets when the stored part was last saved, or <see langword="null"/> if it never was.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets when the stored part expires, or <see langword="null"/> if it never was saved.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
