using Rapport.Context;
using Rapport.Learning;
using Rapport.Storage;

namespace Rapport.SelfImprovement;

/// <summary>A turn made ready for the agent: what memory found for the situation, what to try, and the prompt's context.</summary>
/// <remarks>
/// Made by <see cref="RapportLoop.PrepareTurnAsync(TurnRequest, CancellationToken)"/> from one embedding of the situation
/// and one search; hand it back to <see cref="RapportLoop.CompleteTurnAsync"/> with the agent's response, which records
/// it with the same embedding. Immutable; holds this user's data only, so keep it no longer than the turn.
/// </remarks>
public sealed record PreparedTurn
{
    internal PreparedTurn()
    {
    }

    /// <summary>Gets the turn's id, unique per prepared turn (for correlating a prepare with its completion).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the user.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the session, or <see langword="null"/>.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets what the user said.</summary>
    public required string Situation { get; init; }

    /// <summary>Gets when the turn happened, or <see langword="null"/> for the time it is completed.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Gets the user's past interventions most similar to the situation, any outcome, most similar first.</summary>
    public required IReadOnlyList<MemorySearchHit> Hits { get; init; }

    /// <summary>Gets the kinds of intervention ranked for this situation, best first, with their evidence.</summary>
    public required Recommendation Recommendation { get; init; }

    /// <summary>Gets the token-budgeted memory context for the prompt (empty text when memory has nothing to say).</summary>
    public required MemoryContext Context { get; init; }

    /// <summary>Gets the situation's embedding, by the memory service's embedder; the completed turn is recorded with it.</summary>
    public required ReadOnlyMemory<float> Embedding { get; init; }
}
