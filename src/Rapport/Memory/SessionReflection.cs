namespace Rapport.Memory;

/// <summary>What a session taught: a summary, insights and counts, written when the session ends.</summary>
public sealed record SessionReflection
{
    /// <summary>Gets the identifier, unique across all users.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the user the session was with.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the session reflected upon.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets when the reflection was written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets a short summary of the session.</summary>
    public required string Summary { get; init; }

    /// <summary>Gets the insights drawn from it.</summary>
    public IReadOnlyList<string> Insights { get; init; } = [];

    /// <summary>Gets how many interventions the session had.</summary>
    public int InterventionCount { get; init; }

    /// <summary>Gets how many of them helped.</summary>
    public int HelpedCount { get; init; }

    /// <summary>Gets how many of them did not help.</summary>
    public int NotHelpedCount { get; init; }

    /// <summary>Gets when the reflection expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
