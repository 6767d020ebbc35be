using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Agents;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Sqlite;

namespace Rapport.Samples;

/// <summary>Rapport's memory in an Agent Framework agent: two runs, the second one remembering what helped in the first.</summary>
public static class AgentFrameworkSample
{
    /// <summary>Runs the sample with its store in <paramref name="dataFolder"/>, writing what happens to <paramref name="output"/>.</summary>
    public static async Task RunAsync(TextWriter output, string dataFolder)
    {
        // One service provider: the embedded store, the loop and the built-in scorers. The offline hashing embedder keeps
        // the sample self-contained; for real use leave it out and add .UseLocalEmbeddings() (Rapport.Embeddings.Onnx) for
        // MiniLM, or register any IEmbeddingGenerator (OpenAI, Ollama).
        var services = new ServiceCollection();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());
        services.AddRapport(o => o.UseSqlite(Path.Combine(dataFolder, "rapport.db")).Home = dataFolder).AddScorers();
        await using var provider = services.BuildServiceProvider();
        var loop = provider.GetRequiredService<RapportLoop>();

        using var llm = new ScriptedCoachClient(output);
        // One provider per user: it adds the memory context before a run and scores and records the answer after it.
        // The kind recorded is the default unless the answer names one (a tool call with a "kind" argument); this
        // scripted coach always suggests breathing.
        var context = new RapportContextProvider(provider, "ana", sessionId: "s1", defaultKind: "breathing");
        var agent = new ChatClientAgent(llm, new ChatClientAgentOptions
        {
            ChatOptions = new ChatOptions { Instructions = "You are a warm, brief coach." },
            AIContextProviders = [context],
        });

        output.WriteLine("Run 1: ana says \"My exam starts in an hour and my mind has gone blank\"");
        var first = await agent.RunAsync("My exam starts in an hour and my mind has gone blank");
        output.WriteLine($"  agent: {first.Text}");
        await ReportAsync(output, loop.Memory, context.LastInterventionId!);
        await loop.SetOutcomeAsync(context.LastInterventionId!, InterventionOutcome.Helped, rating: 4);
        output.WriteLine("  outcome: helped (rated 4/5)");

        output.WriteLine("Run 2: ana says \"My exam starts soon and my mind has gone blank again\"");
        var second = await agent.RunAsync("My exam starts soon and my mind has gone blank again");
        output.WriteLine($"  agent: {second.Text}");
        await ReportAsync(output, loop.Memory, context.LastInterventionId!);
    }

    private static async Task ReportAsync(TextWriter output, RapportMemory memory, string id)
    {
        var stored = await memory.GetAsync(id) ?? throw new InvalidOperationException($"Intervention {id} was not recorded.");
        output.WriteLine($"  recorded intervention {stored.Id}: kind {stored.Kind}, quality {stored.Quality:0.00}, " +
            $"scores {string.Join(", ", stored.Scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value:0.00}"))}");
    }
}
