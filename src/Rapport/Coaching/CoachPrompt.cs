using System.Text;
using Microsoft.Extensions.AI;
using Rapport.Context;

namespace Rapport.Coaching;

/// <summary>How the coach asks a language model for its turn: the memory context and the recommended kind in the system prompt.</summary>
internal static class CoachPrompt
{
    public static async Task<ChatResponse> AskAsync(
        IChatClient client, List<ChatMessage> messages, InterventionKindInfo recommended, MemoryContext context,
        IReadOnlyList<InterventionKindInfo> kinds, CancellationToken cancellationToken)
    {
        var system = new StringBuilder()
            .Append("You are a warm, brief supportive coach. Answer in at most three sentences. ")
            .Append("Suggest one intervention; the recommended one for this user now is ").Append(recommended.Name)
            .Append(" (").Append(recommended.Phrase).Append("). To start an exercise, call ").Append(InterventionCatalog.ExerciseTool)
            .Append(" with its kind (").Append(string.Join(", ", kinds.Where(k => k.IsExercise).Select(k => k.Name))).Append(").\n");
        if (context.Text.Length > 0)
        {
            system.Append('\n').Append(context.Text);
        }

        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string kind, int minutes) => $"started {kind} for {minutes} minutes", InterventionCatalog.ExerciseTool, "Starts a guided exercise")],
        };
        return await client.GetResponseAsync([new ChatMessage(ChatRole.System, system.ToString()), .. messages], options, cancellationToken)
            .ConfigureAwait(false);
    }

    public static string? ChosenKind(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Where(c => c.Name == InterventionCatalog.ExerciseTool)
            .Select(c => c.Arguments is { } args && args.TryGetValue("kind", out var kind) ? kind?.ToString() : null)
            .FirstOrDefault(k => k is not null && InterventionCatalog.Find(k) is not null);
}
