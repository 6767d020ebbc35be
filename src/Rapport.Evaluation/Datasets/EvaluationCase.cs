using Microsoft.Extensions.AI;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Datasets;

/// <summary>One situation to evaluate a target on: what the user said, and optionally what should happen.</summary>
/// <remarks>
/// Immutable. At least one of <see cref="Situation"/>, <see cref="Messages"/> and <see cref="Transcript"/> is set. A case
/// with a <see cref="Transcript"/> is a whole recorded conversation: the target is not asked, the scorers see the
/// conversation up to its last agent turn as the messages and that turn as the response, and the conversation scorer
/// (<see cref="ConversationBehaviourEvaluator"/>) scores every agent turn.
/// </remarks>
public sealed record EvaluationCase
{
    /// <summary>Gets the case identifier, unique within its dataset.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the user's situation as one message, or <see langword="null"/> when <see cref="Messages"/> is given.</summary>
    public string? Situation { get; init; }

    /// <summary>Gets the conversation so far (ending with the user's turn), or empty when <see cref="Situation"/> is given.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];

    /// <summary>Gets a whole recorded conversation (user and assistant turns, at least one assistant turn), or empty.</summary>
    public IReadOnlyList<ChatMessage> Transcript { get; init; } = [];

    /// <summary>Gets which tool the turn should call (or none), or <see langword="null"/> when tool usage is not judged.</summary>
    public ExpectedToolContext? ExpectedTool { get; init; }

    /// <summary>Gets a reference response, or <see langword="null"/>.</summary>
    public string? Reference { get; init; }

    /// <summary>Gets free tags for slicing results (for example <c>anxiety</c>, <c>tool</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Returns the conversation to send: <see cref="Messages"/>, else one user message with <see cref="Situation"/>.</summary>
    public IReadOnlyList<ChatMessage> ToMessages() =>
        Messages.Count > 0 ? Messages : [new ChatMessage(ChatRole.User, Situation ?? "")];
}
