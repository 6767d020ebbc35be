using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Rapport.Agents;
using Rapport.Embeddings;
using Rapport.Evaluation.Scorers;
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
        // The embedded store and the offline hashing embedder. For real use: services.AddRapport(o => o.UseSqlite(path)
        // .UseLocalEmbeddings()) gives the MiniLM embedder; any IEmbeddingGenerator (OpenAI, Ollama) works too.
        await using var store = SqliteMemoryStore.Open(Path.Combine(dataFolder, "rapport.db"));
        var memory = new RapportMemory(store, new HashingEmbeddingGenerator());
        var loop = new RapportLoop(memory, [new QualityEvaluator()]);

        using var llm = new ScriptedCoachClient(output);
        // One provider per user: it adds the memory context before a run and scores and records the answer after it.
        // The kind recorded is the default unless the answer names one (a tool call with a "kind" argument); this
        // scripted coach always suggests breathing.
        var provider = new RapportContextProvider(loop, "ana", sessionId: "s1", defaultKind: "breathing");
        var agent = new ChatClientAgent(llm, new ChatClientAgentOptions
        {
            ChatOptions = new ChatOptions { Instructions = "You are a warm, brief coach." },
            AIContextProviders = [provider],
        });

        output.WriteLine("Run 1: ana says \"My exam starts in an hour and my mind has gone blank\"");
        var first = await agent.RunAsync("My exam starts in an hour and my mind has gone blank");
        output.WriteLine($"  agent: {first.Text}");
        await ReportAsync(output, store, provider.LastInterventionId!);
        await loop.SetOutcomeAsync(provider.LastInterventionId!, InterventionOutcome.Helped, rating: 4);
        output.WriteLine("  outcome: helped (rated 4/5)");

        output.WriteLine("Run 2: ana says \"My exam starts soon and my mind has gone blank again\"");
        var second = await agent.RunAsync("My exam starts soon and my mind has gone blank again");
        output.WriteLine($"  agent: {second.Text}");
        await ReportAsync(output, store, provider.LastInterventionId!);
    }

    private static async Task ReportAsync(TextWriter output, SqliteMemoryStore store, string id)
    {
        var stored = await store.GetAsync(id) ?? throw new InvalidOperationException($"Intervention {id} was not recorded.");
        output.WriteLine($"  recorded intervention {stored.Id}: kind {stored.Kind}, quality {stored.Quality:0.00}, " +
            $"scores {string.Join(", ", stored.Scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value:0.00}"))}");
    }
}
