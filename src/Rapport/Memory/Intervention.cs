using System.Collections.ObjectModel;

namespace Rapport.Memory;

/// <summary>One thing the agent did for a user (a breathing exercise, a break, a reframe), as remembered.</summary>
/// <remarks>
/// Immutable. Every intervention belongs to exactly one user; stores never return it to another user.
/// The <see cref="Embedding"/> is of <see cref="Situation"/>, produced by <see cref="EmbeddingModel"/>.
/// </remarks>
public sealed record Intervention
{
    /// <summary>Gets the identifier, unique across all users.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the user the intervention was for.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the session it happened in, or <see langword="null"/>.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets when it happened.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the situation text that triggered it (what the user said or felt).</summary>
    public required string Situation { get; init; }

    /// <summary>Gets its kind, for example <c>breathing</c>, <c>break</c> or <c>reframe</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets what the agent said.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the tool the agent called, or <see langword="null"/> when it called none.</summary>
    public string? Tool { get; init; }

    /// <summary>Gets the reported outcome.</summary>
    public InterventionOutcome Outcome { get; init; }

    /// <summary>Gets the user's rating from 1 to 5, or <see langword="null"/>.</summary>
    public int? Rating { get; init; }

    /// <summary>Gets when the outcome was reported, or <see langword="null"/>.</summary>
    public DateTimeOffset? OutcomeAt { get; init; }

    /// <summary>Gets the named quality scores, each in 0..1.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = EmptyScores;

    /// <summary>Gets the overall quality in 0..1, or <see langword="null"/> when it was not scored.</summary>
    public double? Quality { get; init; }

    /// <summary>Gets free metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    /// <summary>Gets the embedding of <see cref="Situation"/>.</summary>
    public ReadOnlyMemory<float> Embedding { get; init; }

    /// <summary>Gets the identifier of the embedder that produced <see cref="Embedding"/> (for example <c>hashing-384</c>).</summary>
    public string EmbeddingModel { get; init; } = "";

    /// <summary>Gets when the memory expires; after this instant it is invisible and purged by a sweep.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    // Shared by every record without scores or metadata, so they must not be castable back to a mutable dictionary.
    internal static readonly IReadOnlyDictionary<string, double> EmptyScores = ReadOnlyDictionary<string, double>.Empty;
    internal static readonly IReadOnlyDictionary<string, string> EmptyMetadata = ReadOnlyDictionary<string, string>.Empty;
}
