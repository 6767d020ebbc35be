using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>Where a SQLite search after a write spends its time, in one process: the scan alone and the whole search, back to
/// back and after a 1 ms sleep, against a search after this store's write and after another store's write on the same file.</summary>
/// <remarks>
/// <para><c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --refresh-breakdown [--rounds 20]</c></para>
/// <para>Blocks of 20 of each kind alternate (each kind's first 10 back-to-back runs are not counted, so the loop is in its
/// steady state); medians of the search alone (the writes are not timed). In one process the kinds share the JIT, the GC
/// and the snapshot, which <see cref="IncrementalRefreshBenchmarks"/> (one process per benchmark) cannot hold equal.</para>
/// </remarks>
internal static class RefreshBreakdownProbe
{
    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--refresh-breakdown"))
        {
            return false;
        }

        var rounds = ProbeArguments.Int(args, "--rounds", 20);
        RunAsync(rounds).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(int rounds)
    {
        var home = Directory.CreateTempSubdirectory("rapport-refresh-probe-").FullName;
        var path = Path.Combine(home, "rapport.db");
        var store = SqliteMemoryStore.Open(path);
        var other = SqliteMemoryStore.Open(path);
        // The same file with commits synced at checkpoints only: what a write costs without its fsync.
        var normal = SqliteMemoryStore.Open(path, null, SqliteDurability.Normal);
        // The floor of any durable write on this disk: one row of the same vector's bytes committed with synchronous = FULL
        // into a one-table file beside the store (no Rapport code, no indexes), then the store's search.
        var floor = new SqliteConnection($"Data Source={Path.Combine(home, "floor.db")};Pooling=false");
        floor.Open();
        Execute(floor, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE bare (id INTEGER PRIMARY KEY, v BLOB NOT NULL) STRICT;");
        var bytes = new byte[BenchmarkData.Dimensions * sizeof(float)];
        Random.Shared.NextBytes(bytes);
        try
        {
            var memories = BenchmarkData.Interventions(10_000);
            foreach (var batch in memories.Chunk(500))
            {
                await store.RecordAsync(batch);
            }

            var cache = (UserVectorCache)store.GetService(typeof(UserVectorCache))!;
            var request = new MemorySearchRequest
            {
                UserId = BenchmarkData.UserId, Embedding = BenchmarkData.Query(), EmbeddingModel = BenchmarkData.Model, Text = "tense before the meeting",
            };
            var written = 0;
            Intervention Fresh() => memories[0] with { Id = $"w{++written:x8}{Guid.NewGuid():N}"[..32] };
            var times = new Dictionary<string, List<double>>();
            void Scan(string? kind)
            {
                cache.TryGetStale(BenchmarkData.UserId, out var snapshot);
                var start = Stopwatch.GetTimestamp();
                _ = snapshot.Set.SearchCandidates(request, DateTimeOffset.UtcNow);
                Keep(kind, start);
            }

            async Task Search(string? kind)
            {
                var start = Stopwatch.GetTimestamp();
                _ = await store.SearchAsync(request);
                Keep(kind, start);
            }

            void Keep(string? kind, long start)
            {
                if (kind is not null)
                {
                    var list = times.TryGetValue(kind, out var found) ? found : times[kind] = [];
                    list.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            await Search(null);
            _ = await normal.SearchAsync(request);
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < 20; i++)
                {
                    Scan(i < 10 ? null : "scan alone, back to back");
                }

                for (var i = 0; i < 20; i++)
                {
                    Thread.Sleep(1);
                    Scan("scan alone, after a 1 ms sleep");
                }

                for (var i = 0; i < 20; i++)
                {
                    await Search(i < 10 ? null : "search, back to back");
                }

                for (var i = 0; i < 20; i++)
                {
                    Thread.Sleep(1);
                    await Search("search, after a 1 ms sleep");
                }

                for (var i = 0; i < 20; i++)
                {
                    var write = Stopwatch.GetTimestamp();
                    await store.RecordAsync([Fresh()]);
                    Keep("write (synchronous = FULL, the default)", write);
                    await Search("search, after this store's write");
                }

                for (var i = 0; i < 20; i++)
                {
                    var write = Stopwatch.GetTimestamp();
                    await normal.RecordAsync([Fresh()]);
                    Keep("write (synchronous = NORMAL)", write);
                    var start = Stopwatch.GetTimestamp();
                    _ = await normal.SearchAsync(request);
                    Keep("search, after its own NORMAL write", start);
                }

                for (var i = 0; i < 20; i++)
                {
                    var write = Stopwatch.GetTimestamp();
                    Execute(floor, "BEGIN IMMEDIATE;");
                    using (var insert = floor.CreateCommand())
                    {
                        insert.CommandText = "INSERT INTO bare (v) VALUES ($v);";
                        insert.Parameters.AddWithValue("$v", bytes);
                        insert.ExecuteNonQuery();
                    }

                    Execute(floor, "COMMIT;");
                    Keep("floor: bare one-row commit, FULL", write);
                    await Search("search, after the bare commit");
                }

                for (var i = 0; i < 20; i++)
                {
                    await other.RecordAsync([Fresh()]);
                    await Search("search, after another store's write");
                }
            }

            cache.TryGetStale(BenchmarkData.UserId, out var last);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SQLite, one user of 10000 memories (+{written} written, snapshot {last.Set.Count}); load {load} -> {File.ReadAllText("/proc/loadavg").Trim()}"));
            var baseline = Median(times["search, back to back"]);
            foreach (var (kind, list) in times)
            {
                var median = Median(list);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-38} median {median,6:F3} ms  {median / baseline,5:F2}x"));
            }

            // A turn = its write + the search after it, over the back-to-back search (each part's median).
            foreach (var (name, write, search) in new[]
            {
                ("record then search, FULL", "write (synchronous = FULL, the default)", "search, after this store's write"),
                ("record then search, NORMAL", "write (synchronous = NORMAL)", "search, after its own NORMAL write"),
                ("floor: bare commit then search", "floor: bare one-row commit, FULL", "search, after the bare commit"),
            })
            {
                var turn = (Median(times[write]) + Median(times[search])) / baseline;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-38} {turn,5:F2}x (target 1.5x)"));
            }
        }
        finally
        {
            await store.DisposeAsync();
            await other.DisposeAsync();
            await normal.DisposeAsync();
            floor.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
