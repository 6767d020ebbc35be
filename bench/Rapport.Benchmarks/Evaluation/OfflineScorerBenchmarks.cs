using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation.Scorers;

namespace Rapport.Benchmarks.Evaluation;

/// <summary>Throughput of the offline scorers together (brevity + supportiveness + tool usage) over 1,000 varied turns.</summary>
/// <remarks>One invocation scores all 1,000 cases and counts as 1,000 operations, so the Op/s column is cases per second
/// (wall clock; "all cores" runs one contiguous slice per core). Texts are self-written templates; the user message is
/// passed, so supportiveness also checks whether the reply takes up the person's words.</remarks>
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

    [Benchmark(Description = "1000 cases, one thread, via IEvaluator", OperationsPerInvoke = Cases)]
    public double Sequential()
    {
        double sum = 0;
        for (var i = 0; i < Cases; i++)
        {
            sum += ScoreCase(i);
        }

        return sum;
    }

    [Benchmark(Description = "1000 cases, all cores, via IEvaluator", OperationsPerInvoke = Cases)]
    public double AllCores() => ScoreOnAllCores(Cases);

    /// <summary>Scores <paramref name="cases"/> cases split into one contiguous slice per core, each on its own thread.</summary>
    public double ScoreOnAllCores(int cases)
    {
        var threads = Environment.ProcessorCount;
        var sums = new double[threads];
        System.Threading.Tasks.Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            double sum = 0;
            for (var i = t * cases / threads; i < (t + 1) * cases / threads; i++)
            {
                sum += ScoreCase(i % Cases);
            }

            sums[t] = sum;
        });
        return sums.Sum();
    }

    /// <summary>Scores case <paramref name="i"/> with all three scorers; they complete synchronously.</summary>
    public double ScoreCase(int i)
    {
        var response = _responses[i];
        var brevity = Completed(_brevity.EvaluateAsync(_messages, response));
        var support = Completed(_support.EvaluateAsync(_messages, response));
        var tools = Completed(_tools.EvaluateAsync(_messages, response, additionalContext: _contexts[i]));
        return brevity.Metrics.Count + support.Metrics.Count + tools.Metrics.Count;
    }

    private static EvaluationResult Completed(ValueTask<EvaluationResult> pending) =>
        pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
