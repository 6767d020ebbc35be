using BenchmarkDotNet.Attributes;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>One search over one user's 10k memories (384-dimension vectors, ~16-word situations, sessions of 20) in each mode.</summary>
/// <remarks>The query embedding is given (embedding excluded); the snapshot and its lexical index are built in setup,
/// as a store's cache holds them between searches.</remarks>
public class HybridSearchBenchmarks
{
    private const int Dimensions = 384;
    private UserVectorSet _set = UserVectorSet.Empty;
    private MemorySearchRequest _request = null!;
    private DateTimeOffset _now;

    [Params(10_000)]
    public int Memories { get; set; }

    [Params(SearchMode.Dense, SearchMode.Lexical, SearchMode.Hybrid)]
    public SearchMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var vocabulary = Enumerable.Range(0, 5_000).Select(i => Word(random, i)).ToArray();
        _now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = new VectorEntry[Memories];
        for (var i = 0; i < Memories; i++)
        {
            entries[i] = new VectorEntry(
                $"id{i:D8}", "turn", InterventionOutcome.Unknown, null, _now.AddMinutes(-i), _now.AddDays(30), "bench",
                Vector(random), Sentence(random, vocabulary, 16), Sentence(random, vocabulary, 6), $"s{i / 20}");
        }

        _set = new UserVectorSet(entries);
        _request = new MemorySearchRequest
        {
            UserId = "u", Embedding = Vector(random), EmbeddingModel = "bench", Text = Sentence(random, vocabulary, 8), Top = 10, Mode = Mode,
        };
        _ = _set.Search(_request, _now); // builds the lexical index once, as the first search of a cached snapshot does
    }

    [Benchmark]
    public int Search() => _set.Search(_request, _now).Count;

    private static float[] Vector(Random random)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        return vector;
    }

    // Zipf-like word choice: a few words are everywhere, most are rare, as in conversation.
    private static string Sentence(Random random, string[] vocabulary, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Exp(random.NextDouble() * Math.Log(vocabulary.Length)) - 1)]));

    private static string Word(Random random, int index) =>
        new([.. Enumerable.Range(0, 4 + (index % 6)).Select(_ => (char)('a' + random.Next(26)))]);
}
