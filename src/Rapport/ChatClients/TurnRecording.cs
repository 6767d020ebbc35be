using Microsoft.Extensions.AI;
using Rapport.Memory;
using Rapport.Recording;
using Rapport.SelfImprovement;

namespace Rapport.ChatClients;

/// <summary>What the chat-client middleware and the Agent Framework provider share: finding the situation and recording the answer.</summary>
public static class TurnRecording
{
    /// <summary>Returns the text of the last user message, or <see langword="null"/> when there is none.</summary>
    public static string? Situation(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        return string.IsNullOrWhiteSpace(text) ? null : text.Length > MemoryLimits.MaxTextLength ? text[..MemoryLimits.MaxTextLength] : text;
    }

    /// <summary>Scores and records a response as an intervention for the user's situation.</summary>
    /// <param name="loop">The loop whose recorder stores the turn.</param>
    /// <param name="userId">The user.</param>
    /// <param name="sessionId">The session, or <see langword="null"/>.</param>
    /// <param name="situation">What the user said.</param>
    /// <param name="request">The messages the agent answered.</param>
    /// <param name="response">The agent's response.</param>
    /// <param name="defaultKind">The kind to record when the response names none.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public static Task<RecordedIntervention> RecordAsync(
        RapportLoop loop, string userId, string? sessionId, string situation, IEnumerable<ChatMessage> request, ChatResponse response,
        string defaultKind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(response);
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
        var kind = response.AdditionalProperties?.TryGetValue(RapportChatProperties.Kind, out var named) == true ? named?.ToString() : null;
        kind ??= call?.Arguments is { } args && args.TryGetValue("kind", out var argument) ? argument?.ToString() : null;
        var text = string.IsNullOrWhiteSpace(response.Text) ? call is null ? "(no text)" : $"(called {call.Name})" : response.Text;
        var draft = new NewIntervention
        {
            UserId = userId,
            SessionId = sessionId,
            Situation = situation,
            Kind = kind is not null && IsName(kind) ? kind : defaultKind,
            Text = text.Length > MemoryLimits.MaxTextLength ? text[..MemoryLimits.MaxTextLength] : text,
            Tool = call?.Name is { } tool && IsName(tool) ? tool : null,
        };
        return loop.Recorder.RecordAsync(draft, request, response, null, cancellationToken);
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= MemoryLimits.MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
