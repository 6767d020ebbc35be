using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Sqlite;
using StackExchange.Redis;

namespace Rapport.Benchmarks.Storage;

/// <summary>The per-record sizes docs/scale.md computes from: a snapshot's managed bytes (measured and as the cache estimates
/// them), the SQLite file per record, Redis memory per record (when RAPPORT_BENCH_REDIS is set), and a search's scan time.</summary>
/// <remarks><c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --sizes [--memories 10000]</c></remarks>
internal static class SizeProbe
{
    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--sizes"))
        {
            return false;
        }

        var count = ProbeArguments.Int(args, "--memories", 10_000);
        RunAsync(count).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(int count)
    {
        var records = BenchmarkData.Interventions(count);
        var entries = records.Select(i => VectorEntry.From(i)).ToList();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var set = new UserVectorSet(entries);
        var query = new Rapport.Storage.MemorySearchRequest { UserId = BenchmarkData.UserId, Embedding = BenchmarkData.Query(), Text = "tense before the meeting" };
        _ = set.Search(query, DateTimeOffset.UtcNow); // builds the lexical index, as an agent's hybrid search does
        GC.KeepAlive(entries);
        var after = GC.GetTotalMemory(true);
        // The entries' own vectors are counted in 'before'; the set copies them, so the difference is the set itself.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshot of {count}: {(after - before) / (double)count:F0} bytes/memory measured (GC heap), {set.EstimatedBytes / (double)count:F0} estimated by the cache"));

        // The same with compact vectors (int8 codes, a scale and an error per memory, no 32-bit copy).
        GC.Collect();
        before = GC.GetTotalMemory(true);
        var compact = new UserVectorSet(entries, VectorPrecision.Compact);
        _ = compact.Search(query, DateTimeOffset.UtcNow);
        GC.KeepAlive(entries);
        after = GC.GetTotalMemory(true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compact snapshot of {count}: {(after - before) / (double)count:F0} bytes/memory measured (GC heap), {compact.EstimatedBytes / (double)count:F0} estimated by the cache"));
        GC.KeepAlive(compact);

        var dense = query with { Mode = SearchMode.Dense };
        for (var r = 0; r < 20; r++)
        {
            _ = set.Search(dense, DateTimeOffset.UtcNow);
        }

        var timer = Stopwatch.StartNew();
        const int Rounds = 200;
        for (var r = 0; r < Rounds; r++)
        {
            _ = set.Search(dense, DateTimeOffset.UtcNow);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dense scan of {count}: {timer.Elapsed.TotalMilliseconds / Rounds:F2} ms mean over {Rounds}"));
        timer.Restart();
        for (var r = 0; r < Rounds; r++)
        {
            _ = set.Search(query, DateTimeOffset.UtcNow);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hybrid search of {count}: {timer.Elapsed.TotalMilliseconds / Rounds:F2} ms mean over {Rounds}"));

        var folder = Directory.CreateTempSubdirectory("rapport-sizes-").FullName;
        try
        {
            var path = Path.Combine(folder, "rapport.db");
            await using (var store = SqliteMemoryStore.Open(path, null, SqliteDurability.Normal))
            {
                foreach (var batch in records.Chunk(1_000))
                {
                    await store.RecordAsync(batch);
                }

                await store.PurgeExpiredAsync(); // checkpoints the WAL into the file
            }

            SqliteConnection.ClearAllPools();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sqlite file: {new FileInfo(path).Length / (double)count:F0} bytes/memory"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        if (Environment.GetEnvironmentVariable("RAPPORT_BENCH_REDIS") is { Length: > 0 })
        {
            var home = Directory.CreateTempSubdirectory("rapport-sizes-redis-").FullName;
            using var connection = await ConnectionMultiplexer.ConnectAsync(RedisBenchmarkServer.Configuration + ",allowAdmin=true");
            var server = connection.GetServer(connection.GetEndPoints()[0]);
            var used = UsedMemory(server);
            await using (var store = RedisBenchmarkServer.Open(home, "sizes"))
            {
                foreach (var batch in records.Chunk(500))
                {
                    await store.RecordAsync(batch);
                }

                var grown = UsedMemory(server);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"redis: {(grown - used) / (double)count:F0} bytes/memory (used_memory delta), value {Redis.Internal.InterventionValue.Encode(records[0]).Length} bytes"));
                await store.ForgetUserAsync(BenchmarkData.UserId);
            }

            Directory.Delete(home, recursive: true);
        }
    }

    private static long UsedMemory(IServer server) =>
        long.Parse(server.Info("memory").SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
}
