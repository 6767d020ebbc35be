using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>Search through the SQLite store with a warm vector cache: version check, scan, and reading the hits' records.</summary>
/// <remarks>The query embedding is given, not computed: embedding cost belongs to the embedder's own suite.</remarks>
public class SqliteSearchBenchmarks
{
    private string _folder = "";
    private SqliteMemoryStore _store = null!;
    private MemorySearchRequest _top5 = null!;
    private MemorySearchRequest _filtered = null!;

    /// <summary>Gets or sets how many memories the user has.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("rapport-bench-").FullName;
        _store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        foreach (var batch in BenchmarkData.Interventions(Memories).Chunk(5_000))
        {
            await _store.RecordAsync(batch);
        }

        _top5 = new MemorySearchRequest
        {
            UserId = BenchmarkData.UserId, Embedding = BenchmarkData.Query(), EmbeddingModel = BenchmarkData.Model,
        };
        _filtered = _top5 with { MinQuality = 0.5, Outcome = InterventionOutcome.Helped, Kinds = ["breathing", "break"] };

        // Warm the cache: the first search loads the user's vectors; every measured search reuses them.
        var warm = await _store.SearchAsync(_top5);
        if (warm.Count != 5)
        {
            throw new InvalidOperationException($"The warm-up search found {warm.Count} memories, not 5.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<MemorySearchHit>> Top5() => _store.SearchAsync(_top5);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> Top5Filtered() => _store.SearchAsync(_filtered);
}
