using System.Diagnostics;
using Microsoft.Extensions.AI;
using Rapport.ChatClients;
using Rapport.Memory;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.ChatClients;

/// <summary>A turn through the middleware is one turn of the loop: one embedding, one search, a recommendation, the id surfaced.</summary>
public sealed class RapportMemoryChatClientTurnTests
{
    private static readonly ChatOptions ForAna = new() { AdditionalProperties = new() { [RapportChatProperties.UserId] = "ana" } };

    [Fact]
    public async Task GetResponseAsync_OneTurn_CostsOneEmbeddingAndOneSearch()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Presentation tomorrow and my hands are shaking", "breathing", InterventionOutcome.Helped);
        var llm = new ScriptedChatClient(() => new ChatMessage(ChatRole.Assistant, "Let's do box breathing together."));
        using var client = new ChatClientBuilder(llm).UseRapportMemory(f.Loop).Build();
        var (embeddings, searches) = (f.Embeddings.Calls, f.Searches.Searches);

        var response = await client.GetResponseAsync("My presentation is tomorrow and I'm shaking", ForAna);

        Assert.Equal(1, f.Embeddings.Calls - embeddings);
        Assert.Equal(1, f.Searches.Searches - searches);
        Assert.NotNull(await f.Memory.GetAsync(Assert.IsType<string>(response.AdditionalProperties![RapportChatProperties.InterventionId])));
        Assert.IsType<string>(response.AdditionalProperties[RapportChatProperties.RecommendedKind]);
        Assert.Contains("breathing", llm.Requests.Single()[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OneTurn_RecordsAtTheEndSurfacesTheIdAndCostsOneEmbeddingAndOneSearch()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Presentation tomorrow and my hands are shaking", "breathing", InterventionOutcome.Helped);
        var llm = new ScriptedChatClient(() => new ChatMessage(ChatRole.Assistant,
            [new TextContent("Let's do box breathing together."), new FunctionCallContent("c1", "start_exercise", new Dictionary<string, object?> { ["kind"] = "breathing" })]));
        using var client = new ChatClientBuilder(llm).UseRapportMemory(f.Loop, o => o.SessionId = "s1").Build();
        var (embeddings, searches) = (f.Embeddings.Calls, f.Searches.Searches);
        var captured = new List<Activity>();
        using var listener = RapportMemoryChatClientTests.Listen(captured);
        using var trace = new Activity("test").Start();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("My presentation is tomorrow and I'm shaking", ForAna))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("Let's do box breathing together.", response.Text);
        var id = Assert.IsType<string>(updates[^1].AdditionalProperties![RapportChatProperties.InterventionId]);
        Assert.Equal(id, response.AdditionalProperties![RapportChatProperties.InterventionId]);
        var stored = await f.Memory.GetAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(("ana", "s1", "breathing", "start_exercise", 0.9), (stored.UserId, stored.SessionId, stored.Kind, stored.Tool, stored.Quality));
        Assert.Equal(1, f.Embeddings.Calls - embeddings);
        Assert.Equal(1, f.Searches.Searches - searches);
        List<Activity> spans;
        lock (captured)
        {
            spans = [.. captured.Where(s => s.TraceId == trace.TraceId)];
        }

        var chat = Assert.Single(spans, s => s.OperationName == "rapport.chat");
        Assert.Contains(spans, s => s.OperationName == "rapport.loop.record" && s.ParentSpanId == chat.SpanId);
    }
}
