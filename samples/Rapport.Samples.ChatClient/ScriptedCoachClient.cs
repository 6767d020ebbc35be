using Microsoft.Extensions.AI;

namespace Rapport.Samples;

/// <summary>A stand-in for a language model, so the samples run offline: it shows what reached the prompt and answers
/// from a script, following the memory context when the context says what helped.</summary>
/// <remarks>
/// A real model plugs in where this is created, for example (packages Microsoft.Extensions.AI.OpenAI or OllamaSharp):
/// <code>
/// IChatClient llm = new OpenAI.Chat.ChatClient("gpt-4o-mini", apiKey).AsIChatClient();
/// IChatClient llm = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3.2");
/// </code>
/// </remarks>
public sealed class ScriptedCoachClient(TextWriter output) : IChatClient
{
    /// <summary>Gets the system text of the latest request: the instructions and the memory context Rapport added.</summary>
    public string LastPrompt { get; private set; } = "";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        LastPrompt = string.Join("\n", new[] { options?.Instructions }.Concat(list.Where(m => m.Role == ChatRole.System).Select(m => m.Text))
            .Where(t => !string.IsNullOrWhiteSpace(t)));
        output.WriteLine("  prompt's system text (instructions and Rapport's memory context):");
        foreach (var line in (LastPrompt.Length == 0 ? "(none)" : LastPrompt).Split('\n'))
        {
            output.WriteLine("    | " + line);
        }

        // A real model would read the context; the script only checks whether it says something helped before.
        var helpedBefore = LastPrompt.Contains("What helped this user before", StringComparison.Ordinal);
        // Like a warm coach, it reflects the person's own words back (and, the first time, both sides of how they feel)
        // and offers a next step rather than ordering one, which Rapport's behaviour scorer rates as supportive.
        var said = Reflect(list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "");
        var reply = helpedBefore
            ? $"It makes sense to feel this way when {said}. Last time box breathing helped you; want to do four rounds together now?"
            : $"It makes sense to feel this way when {said}; part of you wants to be ready, and part of you is already bracing. Box breathing could help, if you want it.";
        var message = new ChatMessage(ChatRole.Assistant, reply);
        // The kind of intervention, for Rapport to learn from (a real agent can call a tool with a "kind" argument instead).
        var response = new ChatResponse(message) { AdditionalProperties = new() { ["rapport.kind"] = "breathing" } };
        return Task.FromResult(response);
    }

    // "I have to present and my hands shake" -> "you have to present and your hands shake".
    private static string Reflect(string text)
    {
        var words = text.Trim().TrimEnd('.', '!', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word switch
        {
            "I" => "you",
            "I'm" => "you're",
            "My" or "my" => "your",
            "me" => "you",
            _ => word.Length > 1 && char.IsUpper(word[0]) && !char.IsUpper(word[1]) ? char.ToLowerInvariant(word[0]) + word[1..] : word,
        });
        return string.Join(' ', words);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
