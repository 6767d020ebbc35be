using System.Diagnostics;
using Microsoft.Extensions.AI;
using Rapport.ChatClients;
using Rapport.Memory;
using Rapport.Telemetry;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.ChatClients;

public sealed class RapportMemoryChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_UserWithHistory_ContextReachesPromptAndResponseIsScoredAndRecordedInNestedSpans()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Presentation tomorrow and my hands are shaking", "breathing", InterventionOutcome.Helped);
        var llm = new ScriptedChatClient(() => new ChatMessage(ChatRole.Assistant,
            [new TextContent("Let's do box breathing together."), new FunctionCallContent("c1", "start_exercise", new Dictionary<string, object?> { ["kind"] = "breathing" })]));
        using var client = new ChatClientBuilder(llm).UseRapportMemory(f.Loop, o => o.SessionId = "s1").Build();
        var captured = new List<Activity>();
        using var listener = Listen(captured);
        // Tests run in parallel and the listener hears every Rapport span: this test's spans are those of its own trace.
        using var trace = new Activity("test").Start();

        var response = await client.GetResponseAsync(
            "My presentation is tomorrow and I'm shaking",
            new ChatOptions { AdditionalProperties = new() { [RapportChatProperties.UserId] = "ana" } });
        List<Activity> spans;
        lock (captured)
        {
            spans = [.. captured.Where(s => s.TraceId == trace.TraceId)];
        }

        var prompt = llm.Requests.Single();
        Assert.Equal(ChatRole.System, prompt[0].Role);
        Assert.Contains("breathing", prompt[0].Text, StringComparison.Ordinal);
        Assert.Contains("Presentation tomorrow and my hands are shaking", prompt[0].Text, StringComparison.Ordinal);
        var id = Assert.IsType<string>(response.AdditionalProperties![RapportChatProperties.InterventionId]);
        var stored = await f.Memory.Store.GetAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(("ana", "s1", "breathing", "start_exercise"), (stored.UserId, stored.SessionId, stored.Kind, stored.Tool));
        Assert.Equal(0.9, stored.Quality);
        Assert.Equal(1, stored.Scores["brevity"]);
        var chat = spans.Single(s => s.OperationName == "rapport.chat" && s.TraceId == spans.Single(r => r.OperationName == "rapport.chat").TraceId);
        Assert.Contains(spans, s => s.OperationName == "rapport.context.build" && s.ParentSpanId == chat.SpanId);
        Assert.Contains(spans, s => s.OperationName == RapportTelemetryNames.LoopRecordSpan && s.ParentSpanId == chat.SpanId);
        Assert.True(spans.Single(s => s.OperationName == "rapport.context.build" && s.ParentSpanId == chat.SpanId).GetTagItem("rapport.context.tokens") is int tokens && tokens > 0);
    }

    [Fact]
    public async Task GetResponseAsync_NoUser_PassesThroughWithoutMemory()
    {
        await using var f = new LoopFixture();
        var llm = new ScriptedChatClient(() => new ChatMessage(ChatRole.Assistant, "Hello."));
        using var client = new ChatClientBuilder(llm).UseRapportMemory(f.Loop).Build();

        var response = await client.GetResponseAsync("Hi");

        Assert.Single(llm.Requests.Single());
        Assert.Null(response.AdditionalProperties);
        Assert.Equal(0, (await f.Store.GetStatsAsync()).Interventions);
    }

    internal static ActivityListener Listen(List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Rapport",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
