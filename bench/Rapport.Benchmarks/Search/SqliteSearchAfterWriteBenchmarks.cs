using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>One agent turn's storage work: record a memory, then search; the write makes the cached vectors stale.</summary>
/// <remarks>
/// The warm-cache suite (<see cref="SqliteSearchBenchmarks"/>) measures a search alone. Here every search follows a
/// write of the same user, so it pays for reloading the user's vectors from the file: this is the cost an agent that
/// records after every turn sees on its next recall.
/// </remarks>
public class SqliteSearchAfterWriteBenchmarks
{
    private string _folder = "";
    private SqliteMemoryStore _store = null!;
    private MemorySearchRequest _top5 = null!;
    private Intervention _template = null!;
    private int _written;

    /// <summary>Gets or sets how many memories the user has.</summary>
    [Params(1_000, 10_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("rapport-bench-").FullName;
        _store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        var memories = BenchmarkData.Interventions(Memories);
        foreach (var batch in memories.Chunk(5_000))
        {
            await _store.RecordAsync(batch);
        }

        _template = memories[0];
        _top5 = new MemorySearchRequest
        {
            UserId = BenchmarkData.UserId, Embedding = BenchmarkData.Query(), EmbeddingModel = BenchmarkData.Model,
        };
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<IReadOnlyList<MemorySearchHit>> RecordOneThenTop5()
    {
        await _store.RecordAsync([_template with { Id = $"w{++_written:x8}{_template.Id}" }]);
        return await _store.SearchAsync(_top5);
    }
}
