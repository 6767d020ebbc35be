using Microsoft.Extensions.AI;
using Rapport.ChatClients;
using Rapport.Embeddings;
using Rapport.Evaluation.Scorers;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Sqlite;

namespace Rapport.Samples;

/// <summary>Rapport's memory as chat-client middleware: two turns a day apart, the second one remembering the first.</summary>
public static class ChatClientSample
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
        // The middleware: memory context before each turn, scoring and recording after it.
        using var coach = new ChatClientBuilder(llm)
            .UseRapportMemory(loop, o => { o.UserId = "ana"; o.DefaultKind = "conversation"; })
            .Build();
        var options = new ChatOptions { Instructions = "You are a warm, brief coach." };

        output.WriteLine("Turn 1: ana says \"I have to present to the whole team tomorrow and my hands are shaking\"");
        var first = await coach.GetResponseAsync("I have to present to the whole team tomorrow and my hands are shaking", options);
        output.WriteLine($"  coach: {first.Text}");
        var firstId = (string)first.AdditionalProperties![RapportChatProperties.InterventionId]!;
        output.WriteLine($"  recorded intervention {firstId}, quality {first.AdditionalProperties[RapportChatProperties.Quality]:0.00}");
        // Later the user says it helped: that is what Rapport learns from.
        await loop.SetOutcomeAsync(firstId, InterventionOutcome.Helped, rating: 5);
        output.WriteLine("  outcome: helped (rated 5/5)");

        output.WriteLine("Turn 2: ana says \"I have to present to the board tomorrow and my hands are shaking again\"");
        var second = await coach.GetResponseAsync("I have to present to the board tomorrow and my hands are shaking again", options);
        output.WriteLine($"  coach: {second.Text}");
        output.WriteLine($"  recorded intervention {second.AdditionalProperties![RapportChatProperties.InterventionId]}, quality {second.AdditionalProperties[RapportChatProperties.Quality]:0.00}");

        // Preparing a turn records nothing: it is what Rapport would give the agent for this situation.
        var next = await loop.PrepareTurnAsync(new TurnRequest { UserId = "ana", Situation = "presenting tomorrow, shaking hands", Kinds = ["breathing", "reframe", "break"] });
        var recommendation = next.Recommendation;
        output.WriteLine($"What Rapport would recommend next time: {recommendation.Best.Kind} (expected to help {recommendation.Best.Expected:P0})");
    }
}
