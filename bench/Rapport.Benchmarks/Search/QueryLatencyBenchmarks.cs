using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>What a recall costs in process (issue 19, acceptance 5): one MiniLM query embedding plus one hybrid search of a
/// user's 10k memories, beside its two parts measured in the same run, so the embedding's share (the floor) is visible.</summary>
/// <remarks>The memories' vectors are random unit vectors (a scan's cost does not depend on their content) and their situations
/// twelve words from a small vocabulary (so the lexical side has postings to walk); the snapshot and its lexical index are
/// built in setup, as a store's cache holds them. The query is a real sentence embedded as a query by the local model.
/// Read the Median column as p50.</remarks>
[MemoryDiagnoser]
public class QueryLatencyBenchmarks
{
    private const int Dimensions = 384;
    private const string Query = "I can't sleep before my exam and I panic";
    private readonly EmbeddingGenerationOptions _query = EmbeddingPurposes.For(EmbeddingPurpose.Query);
    private MiniLmEmbeddingGenerator _embedder = null!;
    private UserVectorSet _set = UserVectorSet.Empty;
    private UserVectorSet _compact = UserVectorSet.Empty;
    private Dictionary<string, ReadOnlyMemory<float>> _vectors = [];
    private ReadOnlyMemory<float> _queryVector;
    private DateTimeOffset _now;

    /// <summary>Gets or sets the user's memories.</summary>
    [Params(10_000)]
    public int Memories { get; set; }

    /// <summary>Gets or sets ONNX Runtime's intra-op threads for the query's run: 1 is the library's default (best for a loaded
    /// server), 2 uses both cores of the target machine for one query.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Gets or sets whether the query runs the int8 graph (the default) or the fp32 one memories use.</summary>
    [Params(true, false)]
    public bool Int8Queries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _embedder = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { IntraOpThreads = Threads, QuantizedQueries = Int8Queries });
        var random = new Random(42);
        string[] words = ["exam", "sleep", "work", "talk", "sister", "deadline", "anxious", "tired", "walk", "breath", "panic", "boss", "friends", "move",
            "night", "worried", "presentation", "lonely", "angry", "family", "money", "headache", "tense", "late"];
        _now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = new VectorEntry[Memories];
        for (var i = 0; i < Memories; i++)
        {
            var vector = new float[Dimensions];
            var norm = 0.0;
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] = (float)(random.NextDouble() - 0.5);
                norm += vector[d] * vector[d];
            }

            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] /= (float)Math.Sqrt(norm);
            }

            var situation = string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)]));
            entries[i] = new VectorEntry($"id{i:D8}", "breathing", InterventionOutcome.Unknown, null, _now.AddMinutes(-i), _now.AddDays(30),
                "bench", vector, situation, "Let's take a slow breath together.", $"s{i / 20}");
        }

        _set = new UserVectorSet(entries);
        _compact = new UserVectorSet(entries, VectorPrecision.Compact);
        _vectors = entries.ToDictionary(e => e.Id, e => e.Vector);
        _queryVector = EmbedQuery();
        _ = Recall(); // warms the model and builds the lexical index once
        var exact = _set.Search(Request(_queryVector, SearchMode.Hybrid), _now).Select(m => m.Id);
        var rescored = _compact.SearchCandidates(Request(_queryVector, SearchMode.Hybrid), _now).Rescore(Vector).Select(m => m.Id);
        Console.WriteLine($"// compact hybrid search, re-scored: same top 10 as the exact one: {exact.SequenceEqual(rescored)}");
    }

    [GlobalCleanup]
    public void Cleanup() => _embedder.Dispose();

    /// <summary>The floor: the query's embedding alone.</summary>
    [Benchmark(Baseline = true)]
    public ReadOnlyMemory<float> EmbedQuery() => _embedder.GenerateAsync([Query], _query).GetAwaiter().GetResult()[0].Vector;

    /// <summary>The hybrid search alone, with the query's vector made in setup.</summary>
    [Benchmark]
    public int HybridSearch() => Search(_queryVector);

    /// <summary>The dense half of the search alone: the scan of the 10k vectors.</summary>
    [Benchmark]
    public int DenseSearch() => Search(_queryVector, SearchMode.Dense);

    /// <summary>The lexical half alone: BM25 over the snapshot's index.</summary>
    [Benchmark]
    public int LexicalSearch() => Search(_queryVector, SearchMode.Lexical);

    /// <summary>The hybrid search of a compact (int8) snapshot, its candidates re-scored exactly from the 32-bit vectors, as a store
    /// with <c>VectorPrecision.Compact</c> does (here from a dictionary, not the store's disk or Redis).</summary>
    [Benchmark]
    public int HybridSearchCompact() => _compact.SearchCandidates(Request(_queryVector, SearchMode.Hybrid), _now).Rescore(Vector).Count;

    /// <summary>Both: what a recall costs before any store I/O.</summary>
    [Benchmark]
    public int Recall() => Search(EmbedQuery());

    private int Search(ReadOnlyMemory<float> embedding, SearchMode mode = SearchMode.Hybrid) => _set.Search(Request(embedding, mode), _now).Count;

    private static MemorySearchRequest Request(ReadOnlyMemory<float> embedding, SearchMode mode) =>
        new() { UserId = "u", Embedding = embedding, EmbeddingModel = "bench", Text = Query, Top = 10, Mode = mode };

    private ReadOnlyMemory<float>? Vector(string id) => _vectors.TryGetValue(id, out var vector) ? vector : null;
}
