using Rapport.Context;
using Rapport.Learning;
using Rapport.Storage;

namespace Rapport.SelfImprovement;

/// <summary>A turn made ready for the agent: what memory found for the situation, what to try, and the prompt's context.</summary>
/// <remarks>
/// Made by <see cref="RapportLoop.PrepareTurnAsync(TurnRequest, CancellationToken)"/> from one embedding of the situation
/// and one search; hand it back to <see cref="RapportLoop.CompleteTurnAsync"/> with the agent's response, which records
/// it with the same embedding. Only the loop makes one, and callers cannot change it (a turn prepared for one user cannot
/// be completed as another's). Holds this user's data only, so keep it no longer than the turn.
/// </remarks>
public sealed class PreparedTurn
{
    internal PreparedTurn()
    {
    }

    /// <summary>Gets the turn's id, unique per prepared turn (for correlating a prepare with its completion).</summary>
    public string Id { get; internal init; } = "";

    /// <summary>Gets the user.</summary>
    public string UserId { get; internal init; } = "";

    /// <summary>Gets the session, or <see langword="null"/>.</summary>
    public string? SessionId { get; internal init; }

    /// <summary>Gets what the user said.</summary>
    public string Situation { get; internal init; } = "";

    /// <summary>Gets when the turn happened, or <see langword="null"/> for the time it is completed.</summary>
    public DateTimeOffset? At { get; internal init; }

    /// <summary>Gets the user's past interventions most similar to the situation, any outcome, most similar first.</summary>
    public IReadOnlyList<MemorySearchHit> Hits { get; internal init; } = [];

    /// <summary>Gets the kinds of intervention ranked for this situation, best first, with their evidence.</summary>
    public Recommendation Recommendation { get; internal init; } = null!;

    /// <summary>Gets the token-budgeted memory context for the prompt (empty text when memory has nothing to say).</summary>
    public MemoryContext Context { get; internal init; } = null!;

    /// <summary>Gets the situation's embedding, by the memory service's embedder; the completed turn is recorded with it.</summary>
    public ReadOnlyMemory<float> Embedding { get; internal init; }
}
