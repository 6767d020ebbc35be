namespace Rapport.Coaching;

/// <summary>What the user said in one turn, for the coach to answer.</summary>
public sealed record CoachRequest
{
    /// <summary>Gets the user.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the session, or <see langword="null"/>.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets what the user said.</summary>
    public required string Situation { get; init; }

    /// <summary>Gets when the turn happened, or <see langword="null"/> for now (simulations set it).</summary>
    public DateTimeOffset? At { get; init; }
}
