using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Rapport.Benchmarks.Storage;
using Rapport.Redis;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>Search over one user's 10k memories: Redis with a warm and a cold vector cache, the SQLite store (warm) as baseline.</summary>
/// <remarks>
/// Same data in both stores. Warm: the cached snapshot matches the user's version, so a search is a version read, a
/// scan and a read of the hits. Cold: the process drops its snapshots before each search, which then loads the user's
/// records (their ids, then MGET in pages of 512, pipelined). Needs RAPPORT_BENCH_REDIS (bench/redis/run.sh).
/// </remarks>
public class RedisSearchBenchmarks
{
    private string _home = "";
    private SqliteMemoryStore _sqlite = null!;
    private RedisMemoryStore _redis = null!;
    private MemorySearchRequest _request = null!;

    /// <summary>Gets or sets how many memories the user has.</summary>
    [Params(10_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _home = Directory.CreateTempSubdirectory("rapport-bench-search-").FullName;
        _sqlite = SqliteMemoryStore.Open(Path.Combine(_home, "rapport.db"));
        _redis = RedisBenchmarkServer.Open(_home, "search");
        foreach (var batch in BenchmarkData.Interventions(Memories).Chunk(500))
        {
            await _sqlite.RecordAsync(batch);
            await _redis.RecordAsync(batch);
        }

        _request = new MemorySearchRequest { UserId = BenchmarkData.UserId, Embedding = BenchmarkData.Query(), EmbeddingModel = BenchmarkData.Model };
        foreach (var store in new IMemoryStore[] { _sqlite, _redis })
        {
            var warm = await store.SearchAsync(_request);
            if (warm.Count != 5)
            {
                throw new InvalidOperationException($"The warm-up search on {store.Description} found {warm.Count} memories, not 5.");
            }
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _redis.ForgetUserAsync(BenchmarkData.UserId);
        await _redis.DisposeAsync();
        await _sqlite.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_home, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<MemorySearchHit>> SqliteWarm() => _sqlite.SearchAsync(_request);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> RedisWarm() => _redis.SearchAsync(_request);

    [Benchmark]
    public async Task<IReadOnlyList<MemorySearchHit>> RedisCold()
    {
        _redis.DropCachedVectors();
        var hits = await _redis.SearchAsync(_request);
        return hits.Count == 5 ? hits : throw new InvalidOperationException($"A cold search found {hits.Count}, not 5.");
    }
}
