using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>What a recall costs end to end in process: one MiniLM query embedding plus one hybrid search of a user's 10k memories.</summary>
/// <remarks>The issue-19 target is a p50 under 5 ms on a quiet 2-core machine. The memories' vectors are random (search cost
/// does not depend on their content); the snapshot and its lexical index are built in setup, as a store's cache holds them.
/// The query is a real sentence embedded as a query by the local model.</remarks>
public class QueryLatencyBenchmarks
{
    private const int Dimensions = 384;
    private MiniLmEmbeddingGenerator _embedder = null!;
    private UserVectorSet _set = UserVectorSet.Empty;
    private DateTimeOffset _now;
    private readonly EmbeddingGenerationOptions _query = EmbeddingPurposes.For(EmbeddingPurpose.Query);

    [Params(10_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _embedder = MiniLmEmbeddingGenerator.Load();
        var random = new Random(42);
        string[] words = ["exam", "sleep", "work", "talk", "sister", "deadline", "anxious", "tired", "walk", "breath", "panic", "boss", "friends", "move"];
        _now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = new VectorEntry[Memories];
        for (var i = 0; i < Memories; i++)
        {
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] = (float)(random.NextDouble() - 0.5);
            }

            var situation = string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)]));
            entries[i] = new VectorEntry($"id{i:D8}", "turn", InterventionOutcome.Unknown, null, _now.AddMinutes(-i), _now.AddDays(30), "bench",
                vector, situation, "text", $"s{i / 20}");
        }

        _set = new UserVectorSet(entries);
        _ = Recall(); // warms the model and builds the lexical index once
    }

    [GlobalCleanup]
    public void Cleanup() => _embedder.Dispose();

    [Benchmark]
    public int Recall()
    {
        const string Query = "I can't sleep before my exam and I panic";
        var embedding = _embedder.GenerateAsync([Query], _query).GetAwaiter().GetResult()[0].Vector;
        return _set.Search(
            new MemorySearchRequest { UserId = "u", Embedding = embedding, EmbeddingModel = "bench", Text = Query, Top = 10, Mode = SearchMode.Hybrid },
            _now).Count;
    }
}
