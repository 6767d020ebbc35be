using Rapport.Context;
using Rapport.Learning;
using Rapport.SelfImprovement;

namespace Rapport.Server.State;

/// <summary>What completing a prepared turn needs, as kept in the shared store so any instance can complete it.</summary>
/// <remarks>The context, hits and recommendation went to the agent with the prepare; completion records the situation
/// with its embedding, so only these fields are kept (and they are removed with the user on forget).</remarks>
/// <param name="Id">The turn's id.</param>
/// <param name="UserId">The user.</param>
/// <param name="SessionId">The session, or <see langword="null"/>.</param>
/// <param name="Situation">What the user said.</param>
/// <param name="At">When the turn happened, or <see langword="null"/> for the completion time.</param>
/// <param name="Embedding">The situation's embedding.</param>
internal sealed record PendingTurn(string Id, string UserId, string? SessionId, string Situation, DateTimeOffset? At, float[] Embedding)
{
    /// <summary>Keeps what completion needs from a prepared turn.</summary>
    public static PendingTurn From(PreparedTurn turn) =>
        new(turn.Id, turn.UserId, turn.SessionId, turn.Situation, turn.At, turn.Embedding.ToArray());

    /// <summary>Rebuilds the turn for <see cref="RapportLoop.CompleteTurnAsync"/> (with no hits, an empty ranking and an empty context).</summary>
    public PreparedTurn ToPreparedTurn() => new()
    {
        Id = Id,
        UserId = UserId,
        SessionId = SessionId,
        Situation = Situation,
        At = At,
        Embedding = Embedding,
        Hits = [],
        Recommendation = new Recommendation(UserId, Situation, []),
        Context = new MemoryContext(UserId, "", 0, [], [], [], false),
    };
}
