using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Rapport.ChatClients;
using Rapport.Embeddings;
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
        using var llm = new ScriptedCoachClient(output);
        // One service provider: Rapport (the embedded store, the loop, the built-in scorers) and the chat pipeline.
        // The offline hashing embedder keeps the sample self-contained; for real use leave it out and add
        // .UseLocalEmbeddings() (Rapport.Embeddings.Onnx) for MiniLM, or register any IEmbeddingGenerator (OpenAI, Ollama).
        var services = new ServiceCollection();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());
        services.AddRapport(o => o.UseSqlite(Path.Combine(dataFolder, "rapport.db")).Home = dataFolder).AddScorers();
        // The middleware: each turn prepared by the loop (memory context before it), completed after it (scored, recorded).
        services.AddChatClient(llm).UseRapportMemory(o => { o.UserId = "ana"; o.DefaultKind = "conversation"; });
        await using var provider = services.BuildServiceProvider();
        var loop = provider.GetRequiredService<RapportLoop>();
        var coach = provider.GetRequiredService<IChatClient>();
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
