using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Rapport.Embeddings.Onnx;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Scorers;

namespace Rapport.Benchmarks.Evaluation;

/// <summary>The behaviour scorer: a batch of turns scored with MiniLM against embedding the same texts alone, and the lexical-only mode.</summary>
/// <remarks>
/// Targets (issue 12): scoring with the embedder costs at most 1.25x embedding the same texts (the turns and the
/// person's previous messages) alone; the lexical-only mode scores at least 20,000 turns/s on 2 cores. One invocation
/// handles the whole batch of 64 pairs (OperationsPerInvoke), so Op/s is turns per second. Pairs are self-written.
/// Quick wall-clock figures without BenchmarkDotNet: <c>-- --behaviour-throughput</c> (<see cref="BehaviourThroughput"/>).
/// </remarks>
public class BehaviourScoringBenchmarks : IDisposable
{
    public const int Turns = 64;

    private static readonly string[] Previous =
    [
        "My manager keeps piling work on me at five and I stay until eight most nights.",
        "I can't sleep before exams, my head just won't stop.",
        "honestly i dont know why i bother with the gym, nothing changes",
        "My mum needs more help every week and my brother does nothing.",
        "What should I do about the drinking on weekends? Any ideas?",
        "I snapped at my daughter again this morning.",
        "We've been arguing about money for months.",
        "Since the move I haven't made a single friend here.",
    ];

    private static readonly string[] Replies =
    [
        "Long days, and nobody sees what it costs you.",
        "What would you like to be different by the end of the month?",
        "You should just tell them no.",
        "Part of you wants to keep going, and part of you is tired of trying.",
        "Is it every night?",
        "You kept showing up even when it felt pointless. That says something about you.",
        "One thing some people try is writing the plan down before bed, so it is out of their head.",
        "If you keep going like this you'll burn out, honestly.",
    ];

    private readonly List<BehaviourPair> _pairs = [];
    private readonly List<string> _texts = [];
    private MiniLmEmbeddingGenerator? _embedder;
    private ConversationBehaviourEvaluator? _scorer;
    private SupportivenessEvaluator? _support;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Turns; i++)
        {
            // Vary the texts so the batch does not collapse into 16 distinct ones.
            _pairs.Add(new BehaviourPair($"{Previous[i % Previous.Length]} ({i})", $"{Replies[(i / Previous.Length) % Replies.Length]} {i}"));
        }

        _texts.AddRange(_pairs.SelectMany(p => new[] { p.Previous!, p.Turn }));
        _embedder = MiniLmEmbeddingGenerator.Load();
        _support = new SupportivenessEvaluator(embedder: _embedder);
        _scorer = new ConversationBehaviourEvaluator(embedder: _embedder);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Turns)]
    public int EmbedTheSameTextsAlone() => _embedder!.Embed(_texts).Length;

    [Benchmark(OperationsPerInvoke = Turns)]
    public async Task<double> ScoreBatchWithEmbedder()
    {
        var predictions = await new BehaviourClassifier(_embedder).ClassifyAsync(_pairs).ConfigureAwait(false);
        return predictions.Sum(p => p.Supportiveness);
    }

    [Benchmark(OperationsPerInvoke = Turns)]
    public double ScoreLexicalOnly()
    {
        var sum = 0.0;
        foreach (var pair in _pairs)
        {
            sum += _support!.Score(pair.Turn, pair.Previous).Value;
        }

        return sum;
    }

    public IReadOnlyList<BehaviourPair> Pairs => _pairs;

    public IReadOnlyList<string> Texts => _texts;

    public void Dispose()
    {
        _embedder?.Dispose();
        GC.SuppressFinalize(this);
    }
}
