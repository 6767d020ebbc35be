using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>A server's shape: many users, a bounded snapshot cache, turns (a search, then a record) from several callers at
/// once, most turns going to a minority of users. Reports the process's peak RSS, the cache's hit rate and bytes, and latency
/// percentiles. Wall clock, not BenchmarkDotNet: it is a load test.</summary>
/// <remarks>
/// <code>
/// dotnet run -c Release --project bench/Rapport.Benchmarks -- --server-load [--users 2000] [--memories 1000] [--cache-mb 256] [--turns 20000] [--callers 8] [--precision full|compact] [--db path]
/// </code>
/// <c>--precision compact</c> caches int8 vectors (<see cref="VectorPrecision.Compact"/>). <c>--db</c> keeps the seeded file
/// (seeded only when absent), so that both precisions can run on the same data one after the other; each run's turns add
/// their records to it.
/// Seeding 2,000 x 1,000 memories writes a SQLite file of about 4 GB (2M rows of 384 floats and text): run the full size on
/// a quiet machine with the disk for it. Four turns in five go to a fifth of the users (the active ones), the rest spread
/// over everyone, so the active users' snapshots fit the bound and the others come and go.
/// </remarks>
internal static class ServerLoadProbe
{
    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--server-load"))
        {
            return false;
        }

        var users = ProbeArguments.Int(args, "--users", 2_000);
        var memories = ProbeArguments.Int(args, "--memories", 1_000);
        var cacheBytes = ProbeArguments.Int(args, "--cache-mb", 256) * 1024L * 1024;
        var turns = ProbeArguments.Int(args, "--turns", 20_000);
        var callers = ProbeArguments.Int(args, "--callers", 8);
        var at = Array.IndexOf(args, "--precision");
        var precision = at >= 0 && at + 1 < args.Length && args[at + 1] == "compact" ? VectorPrecision.Compact : VectorPrecision.Full;
        at = Array.IndexOf(args, "--db");
        var db = at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
        RunAsync(users, memories, cacheBytes, turns, callers, precision, db).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(int users, int memories, long cacheBytes, int turns, int callers, VectorPrecision precision, string? db)
    {
        var folder = db is null ? Directory.CreateTempSubdirectory("rapport-server-load-").FullName : Path.GetDirectoryName(db)!;
        try
        {
            var path = db ?? Path.Combine(folder, "rapport.db");
            var seed = Stopwatch.StartNew();
            if (File.Exists(path))
            {
                Console.WriteLine($"using the seeded {path}");
            }
            else
            {
                await using var seeding = SqliteMemoryStore.Open(path, null, SqliteDurability.Normal);
                var template = BenchmarkData.Interventions(memories);
                for (var u = 0; u < users; u++)
                {
                    var user = User(u);
                    await seeding.RecordAsync([.. template.Select(t => t with { Id = $"u{u:x5}{t.Id}", UserId = user })]);
                }

                Console.WriteLine($"seeded {users} users x {memories} memories in {seed.Elapsed.TotalSeconds:F1} s");
            }

            await using var store = SqliteMemoryStore.Open(path, null, SqliteDurability.Normal, cacheBytes, precision);
            var cache = (UserVectorCache)store.GetService(typeof(UserVectorCache))!;
            var latencies = new double[turns];
            var next = -1;
            var peak = 0L;
            var query = BenchmarkData.Query();
            var run = Environment.TickCount64.ToString("x", CultureInfo.InvariantCulture); // ids unique across runs on a kept file
            var sample = BenchmarkData.Interventions(1)[0];
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
            {
                var random = new Random(c);
                int turn;
                while ((turn = Interlocked.Increment(ref next)) < turns)
                {
                    var u = random.NextDouble() < 0.8 ? random.Next(Math.Max(1, users / 5)) : random.Next(users);
                    var started = Stopwatch.GetTimestamp();
                    var hits = await store.SearchAsync(new MemorySearchRequest
                    {
                        UserId = User(u), Embedding = query, EmbeddingModel = BenchmarkData.Model, Text = "tense before the meeting",
                    });
                    latencies[turn] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (hits.Count == 0)
                    {
                        throw new InvalidOperationException($"User {u} found nothing.");
                    }

                    await store.RecordAsync([sample with { Id = $"t{run}{turn:x8}", UserId = User(u) }]);
                    if (turn % 256 == 0)
                    {
                        using var process = Process.GetCurrentProcess();
                        InterlockedMax(ref peak, process.WorkingSet64);
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers);
            var wall = clock.Elapsed;
            using (var process = Process.GetCurrentProcess())
            {
                InterlockedMax(ref peak, process.WorkingSet64);
            }

            Array.Sort(latencies);
            var statistics = cache.Statistics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                users {users}, memories/user {memories}, cache bound {cacheBytes / 1048576} MiB, precision {precision}, turns {turns}, callers {callers}, {Environment.ProcessorCount} cores
                turns/s {turns / wall.TotalSeconds:F0}; search p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F1} ms
                cache: hits {statistics.Hits}, refreshes {statistics.Refreshes}, full loads {statistics.Misses}, hit rate {statistics.HitRate:P1}, held {statistics.Bytes / 1048576.0:F1} MiB for {statistics.Users} users, evicted {statistics.EvictedBytes / 1048576.0:F0} MiB
                peak RSS {peak / 1048576.0:F0} MiB (GC heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB)
                """));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (db is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string User(int u) => $"user-{u:D5}";

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static void InterlockedMax(ref long field, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref field)) < value && Interlocked.CompareExchange(ref field, value, seen) != seen)
        {
        }
    }
}
