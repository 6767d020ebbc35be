using System.Diagnostics;
using Rapport.Evaluation.Behaviour;

namespace Rapport.Benchmarks.Evaluation;

/// <summary>Quick wall-clock figures for the behaviour scorer: lexical turns/s on all cores, and scoring with MiniLM against embedding alone.</summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --behaviour-throughput</c>.</remarks>
internal static class BehaviourThroughput
{
    public static void Run(int lexicalTurns = 200_000, int rounds = 5)
    {
        using var bench = new BehaviourScoringBenchmarks();
        bench.Setup();
        var pairs = bench.Pairs;
        bench.ScoreLexicalOnly(); // warm up: JIT, regex construction
        var wall = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, core =>
        {
            for (var i = core; i < lexicalTurns; i += Environment.ProcessorCount)
            {
                var pair = pairs[i % pairs.Count];
                _ = BehaviourClassifier.ClassifyLexical(pair.Previous, pair.Turn).Supportiveness;
            }
        });
        wall.Stop();
        Console.WriteLine($"lexical-only: {lexicalTurns} turns in {wall.Elapsed.TotalSeconds:0.00} s -> {lexicalTurns / wall.Elapsed.TotalSeconds:0} turns/s on {Environment.ProcessorCount} cores");

        bench.EmbedTheSameTextsAlone();
        bench.ScoreBatchWithEmbedder().GetAwaiter().GetResult();
        double embed = 0, score = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate so drifting machine load hits both sides alike.
            var watch = Stopwatch.StartNew();
            bench.EmbedTheSameTextsAlone();
            embed += watch.Elapsed.TotalSeconds;
            watch.Restart();
            bench.ScoreBatchWithEmbedder().GetAwaiter().GetResult();
            score += watch.Elapsed.TotalSeconds;
        }

        Console.WriteLine($"batch of {BehaviourScoringBenchmarks.Turns} turns ({bench.Texts.Count} texts), {rounds} rounds: embedding alone {embed / rounds * 1000:0} ms, scoring with MiniLM {score / rounds * 1000:0} ms -> {score / embed:0.00}x");
    }
}
