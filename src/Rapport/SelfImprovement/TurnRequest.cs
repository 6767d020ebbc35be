using Microsoft.Extensions.AI;
using Rapport.Memory;

namespace Rapport.SelfImprovement;

/// <summary>What the user said in one turn, for <see cref="RapportLoop.PrepareTurnAsync(TurnRequest, CancellationToken)"/>.</summary>
public sealed record TurnRequest
{
    /// <summary>Gets the user.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the session, or <see langword="null"/>.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets what the user said: the situation the turn answers.</summary>
    public required string Situation { get; init; }

    /// <summary>Gets the kinds of intervention to rank, or <see langword="null"/> for <see cref="RapportLoopOptions.Kinds"/>.</summary>
    /// <remarks>Kinds the user has tried before are ranked too.</remarks>
    public IReadOnlyCollection<string>? Kinds { get; init; }

    /// <summary>Gets when the turn happened, or <see langword="null"/> for now (simulations set it).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Returns the turn of the last user message in <paramref name="messages"/>, or <see langword="null"/> when there is no user text.</summary>
    /// <remarks>A text longer than <see cref="MemoryLimits.MaxTextLength"/> is cut to that length: an agent's conversation is not bad input.</remarks>
    /// <exception cref="ArgumentException">The user or session id is invalid.</exception>
    public static TurnRequest? FromMessages(string userId, string? sessionId, IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        MemoryIds.ValidateUserId(userId);
        if (sessionId is not null)
        {
            MemoryIds.ValidateSessionId(sessionId);
        }

        var text = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        return string.IsNullOrWhiteSpace(text)
            ? null
            : new TurnRequest
            {
                UserId = userId,
                SessionId = sessionId,
                Situation = text.Length > MemoryLimits.MaxTextLength ? text[..MemoryLimits.MaxTextLength] : text,
            };
    }
}
