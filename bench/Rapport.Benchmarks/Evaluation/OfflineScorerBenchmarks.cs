using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation.Scorers;

namespace Rapport.Benchmarks.Evaluation;

/// <summary>Throughput of the offline scorers together (brevity + supportiveness + tool usage) over 1,000 varied turns.</summary>
/// <remarks>One operation scores all 1,000 cases; cases per second = 1,000 / mean. Texts are self-written templates.</remarks>
public class OfflineScorerBenchmarks
{
    private const int Cases = 1000;
    private static readonly string[] Openers =
    [
        "That sounds really exhausting, and it makes sense you feel drained.",
        "I'm sorry you're carrying this alone.",
        "Just calm down, it's not a big deal.",
        "You need to manage your time better.",
        "It sounds like the deadline is weighing on you.",
        "At least you still have tonight.",
        "<b>That sounds hard.</b> **You're not alone.**",
        "Das klingt anstrengend 💙",
    ];

    private static readonly string[] Steps =
    [
        "Would you like to take one slow breath with me right now?",
        "Maybe we could pick one small step for tonight?",
        "You should have started earlier, obviously.",
        "How about a ten-minute break and a short walk?",
        "",
        "Everyone feels like that, so cheer up and keep going because there is no time to waste on worrying about it today.",
    ];

    private readonly BrevityEvaluator _brevity = new();
    private readonly SupportivenessEvaluator _support = new();
    private readonly ToolUsageEvaluator _tools = new();
    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "My report is due and my heart is racing.")];
    private ChatResponse[] _responses = [];
    private EvaluationContext[][] _contexts = [];

    [GlobalSetup]
    public void Setup()
    {
        var expected = new ExpectedToolContext("start_breathing_exercise", ["duration_seconds"]);
        _responses = new ChatResponse[Cases];
        _contexts = new EvaluationContext[Cases][];
        for (var i = 0; i < Cases; i++)
        {
            var text = $"{Openers[i % Openers.Length]} {Steps[i / Openers.Length % Steps.Length]}";
            List<AIContent> contents = [new TextContent(text)];
            if (i % 3 == 0)
            {
                contents.Add(new FunctionCallContent($"c{i}", "start_breathing_exercise", new Dictionary<string, object?> { ["duration_seconds"] = 60 }));
            }

            _responses[i] = new ChatResponse(new ChatMessage(ChatRole.Assistant, contents));
            _contexts[i] = i % 2 == 0 ? [expected] : [ExpectedToolContext.None];
        }
    }

    [Benchmark(Description = "1000 cases, one thread, via IEvaluator")]
    public async Task<double> SequentialAsync()
    {
        double sum = 0;
        for (var i = 0; i < Cases; i++)
        {
            sum += await ScoreAsync(i);
        }

        return sum;
    }

    [Benchmark(Description = "1000 cases, all cores, via IEvaluator")]
    public double Parallel2()
    {
        double sum = 0;
        System.Threading.Tasks.Parallel.For(0, Cases, () => 0.0, (i, _, local) => local + ScoreAsync(i).AsTask().GetAwaiter().GetResult(), local =>
        {
            lock (_responses)
            {
                sum += local;
            }
        });
        return sum;
    }

    private async ValueTask<double> ScoreAsync(int i)
    {
        var response = _responses[i];
        var brevity = await _brevity.EvaluateAsync(_messages, response);
        var support = await _support.EvaluateAsync(_messages, response);
        var tools = await _tools.EvaluateAsync(_messages, response, additionalContext: _contexts[i]);
        return brevity.Metrics.Count + support.Metrics.Count + tools.Metrics.Count;
    }
}
