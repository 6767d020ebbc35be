using System.Text;
using Microsoft.Extensions.AI;

namespace Rapport.Reflection;

/// <summary>Asks a chat client to word a reflection from the offline statistics; keeps the offline text when it cannot.</summary>
internal static class ReflectionPrompt
{
    private const string Instructions =
        "You write a short reflection on a coaching session for the coach's memory. Use only the facts given. " +
        "Answer with one line of summary (what was tried, what helped, what changed), then up to five lines starting with '- ' " +
        "each giving one insight about what works for this user in which kind of situation.";

    public static async Task<(string Summary, List<string> Insights)> WriteAsync(
        IChatClient client, string summary, List<string> insights, SessionFacts facts, CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder("Facts:\n").Append(summary).Append('\n');
        foreach (var insight in insights)
        {
            prompt.Append("- ").Append(insight).Append('\n');
        }

        prompt.Append("Session turns:\n");
        foreach (var item in facts.Session)
        {
            prompt.Append("- ").Append(item.Kind).Append(" for \"").Append(Context.MemoryContextBuilder.Shorten(item.Situation, 120))
                .Append("\": ").Append(Memory.InterventionOutcomeText.ToText(item.Outcome)).Append('\n');
        }

        try
        {
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, prompt.ToString())],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var lines = response.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var written = lines.FirstOrDefault(l => !l.StartsWith('-'));
            var writtenInsights = lines.Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..].Trim())
                .Where(l => l.Length is > 0 and <= 500).Take(5).ToList();
            return string.IsNullOrWhiteSpace(written) || written.Length > 2_000
                ? (summary, insights)
                : (written, writtenInsights.Count > 0 ? writtenInsights : insights);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing model must not lose the session's reflection: the offline text is already complete.
            return (summary, insights);
        }
    }
}
