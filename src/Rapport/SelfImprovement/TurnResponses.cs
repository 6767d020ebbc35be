using Microsoft.Extensions.AI;
using Rapport.ChatClients;
using Rapport.Memory;

namespace Rapport.SelfImprovement;

/// <summary>Turns an agent's response into the intervention to record: its kind, tool and words.</summary>
internal static class TurnResponses
{
    public static NewIntervention Draft(PreparedTurn turn, ChatResponse response, TurnCompletion completion, string defaultKind)
    {
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
        var kind = completion.Kind is { } given
            ? MemoryLimits.ValidateName(given, "kind", nameof(completion))
            : KindOf(response, call) ?? completion.DefaultKind ?? defaultKind;
        var text = completion.Text
            ?? (string.IsNullOrWhiteSpace(response.Text) ? call is null ? "(no text)" : $"(called {call.Name})" : response.Text);
        return new NewIntervention
        {
            UserId = turn.UserId,
            SessionId = turn.SessionId,
            Situation = turn.Situation,
            Kind = kind,
            Text = text.Length > MemoryLimits.MaxTextLength ? text[..MemoryLimits.MaxTextLength] : text,
            Tool = call?.Name is { } tool && IsName(tool) ? tool : null,
            CreatedAt = turn.At,
            Embedding = turn.Embedding,
        };
    }

    private static string? KindOf(ChatResponse response, FunctionCallContent? call)
    {
        var kind = response.AdditionalProperties?.TryGetValue(RapportChatProperties.Kind, out var named) == true ? named?.ToString() : null;
        kind ??= call?.Arguments is { } args && args.TryGetValue("kind", out var argument) ? argument?.ToString() : null;
        return kind is not null && IsName(kind) ? kind : null;
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= MemoryLimits.MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
