using System.Diagnostics;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Rapport.Agents;
using Rapport.Memory;
using Rapport.Telemetry;
using Rapport.Tests.ChatClients;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Agents.Tests;

public sealed class RapportContextProviderTests
{
    [Fact]
    public async Task RunAsync_AgentWithProvider_ContextReachesPromptAndAnswerIsScoredAndRecorded()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Presentation tomorrow and my hands are shaking", "breathing", InterventionOutcome.Helped);
        var llm = new ScriptedChatClient(() => new ChatMessage(ChatRole.Assistant, "Shall we do box breathing again? It helped last time."));
        var provider = new RapportContextProvider(f.Loop, "ana", "s1", defaultKind: "breathing");
        var agent = new ChatClientAgent(llm, new ChatClientAgentOptions
        {
            ChatOptions = new ChatOptions { Instructions = "You are a supportive coach." },
            AIContextProviders = [provider],
        });
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Rapport" or "Rapport.Agents.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var run = new ActivitySource("Rapport.Agents.Tests").StartActivity("agent run");

        var response = await agent.RunAsync("My presentation is tomorrow and I'm shaking");

        var prompt = string.Join("\n", llm.Requests.Single().Select(m => m.Text)) + "\n" + llm.Options.Single()?.Instructions;
        Assert.Contains("Presentation tomorrow and my hands are shaking", prompt, StringComparison.Ordinal);
        Assert.Contains("You are a supportive coach.", prompt, StringComparison.Ordinal);
        Assert.Contains("box breathing", response.Text, StringComparison.Ordinal);
        var stored = await f.Store.GetAsync(Assert.IsType<string>(provider.LastInterventionId));
        Assert.NotNull(stored);
        Assert.Equal(("ana", "s1", "breathing", 0.9), (stored.UserId, stored.SessionId, stored.Kind, stored.Quality));
        Assert.Equal("My presentation is tomorrow and I'm shaking", stored.Situation);
        // Other tests' spans may still arrive on the listener's threads: assert over a snapshot taken under the lock.
        List<Activity> stopped;
        lock (spans)
        {
            stopped = [.. spans];
        }

        Assert.Contains(stopped, s => s.OperationName == "rapport.context.build" && s.TraceId == run!.TraceId);
        Assert.Contains(stopped, s => s.OperationName == RapportTelemetryNames.LoopRecordSpan && s.TraceId == run!.TraceId);
    }
}

public sealed class RapportContextProviderTurnTests
{
    [Fact]
    public async Task RunAsync_OneRun_CostsOneEmbeddingAndOneSearch()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Presentation tomorrow and my hands are shaking", "breathing", InterventionOutcome.Helped);
        var llm = new ScriptedChatClient(() => new ChatMessage(ChatRole.Assistant, "Shall we do box breathing again?"));
        var provider = new RapportContextProvider(f.Loop, "ana", "s1", defaultKind: "breathing");
        var agent = new ChatClientAgent(llm, new ChatClientAgentOptions { AIContextProviders = [provider] });
        var (embeddings, searches) = (f.Embeddings.Calls, f.Searches.Searches);

        await agent.RunAsync("My presentation is tomorrow and I'm shaking");

        Assert.Equal(1, f.Embeddings.Calls - embeddings);
        Assert.Equal(1, f.Searches.Searches - searches);
        var stored = await f.Memory.GetAsync(Assert.IsType<string>(provider.LastInterventionId));
        Assert.Equal(("ana", "breathing", "My presentation is tomorrow and I'm shaking"), (stored!.UserId, stored.Kind, stored.Situation));
        Assert.Contains("Presentation tomorrow and my hands are shaking", llm.Options.Single()?.Instructions ?? string.Join("\n", llm.Requests.Single().Select(m => m.Text)), StringComparison.Ordinal);
    }
}
