using Microsoft.Extensions.AI;

namespace Rapport.SelfImprovement;

/// <summary>What <see cref="RapportLoop.CompleteTurnAsync"/> needs beyond the response, when the agent knows more than the response says.</summary>
public sealed record TurnCompletion
{
    /// <summary>Gets the kind of intervention the agent made, or <see langword="null"/> to read it from the response.</summary>
    /// <remarks>From the response: its <c>rapport.kind</c> additional property, else a tool call's <c>kind</c> argument, else
    /// <see cref="DefaultKind"/>. A kind given here must be a valid name; one read from the response is used only when it is.</remarks>
    public string? Kind { get; init; }

    /// <summary>Gets the kind recorded when neither <see cref="Kind"/> nor the response names one, or <see langword="null"/> for <see cref="RapportLoopOptions.DefaultKind"/>.</summary>
    public string? DefaultKind { get; init; }

    /// <summary>Gets the agent's words to record, or <see langword="null"/> for the response's text.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the conversation the agent answered, for the scorers, or <see langword="null"/> for the user's situation alone.</summary>
    public IEnumerable<ChatMessage>? Messages { get; init; }
}
