namespace Rapport.Memory;

/// <summary>What a caller gives <see cref="RapportMemory.RecordAsync(NewIntervention, CancellationToken)"/>; Rapport adds id, times and embedding.</summary>
public sealed record NewIntervention
{
    /// <summary>Gets the user the intervention was for.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the session, or <see langword="null"/>.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the situation that triggered it.</summary>
    public required string Situation { get; init; }

    /// <summary>Gets its kind, for example <c>breathing</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets what the agent said.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the tool the agent called, or <see langword="null"/>.</summary>
    public string? Tool { get; init; }

    /// <summary>Gets the outcome if it is already known.</summary>
    public InterventionOutcome Outcome { get; init; }

    /// <summary>Gets the user's rating from 1 to 5, or <see langword="null"/>.</summary>
    public int? Rating { get; init; }

    /// <summary>Gets named quality scores, each in 0..1.</summary>
    public IReadOnlyDictionary<string, double>? Scores { get; init; }

    /// <summary>Gets the overall quality in 0..1, or <see langword="null"/>.</summary>
    public double? Quality { get; init; }

    /// <summary>Gets free metadata.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets when it happened, or <see langword="null"/> for now.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the vector of <see cref="Situation"/> when the caller already has it (the loop's turn embeds once), else <see langword="null"/>.</summary>
    internal ReadOnlyMemory<float>? Embedding { get; init; }

    /// <summary>Gets the record id the caller chose so that a retried record is stored once (the service derives it from an
    /// <c>Idempotency-Key</c>), else <see langword="null"/> for a new id.</summary>
    /// <remarks>Recording an id the user already has returns the stored record unchanged; an id held by another user is refused.</remarks>
    internal string? Id { get; init; }
}
