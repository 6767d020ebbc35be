using System.Diagnostics;
using System.Globalization;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>Whether a snapshot grown by appends searches as fast as one built whole from the same entries: a long-lived
/// process's snapshots grow by appends (every write), while benchmarks mostly search snapshots loaded whole.</summary>
/// <remarks>
/// <para><c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --append-scan [--rounds 30]</c></para>
/// <para>The same 10k entries: one snapshot built whole, one grown from empty by 20 appends of 500. Blocks of 20 searches of
/// each (hybrid and dense) alternate in one process; the first 5 of each block are not counted; medians.</para>
/// </remarks>
internal static class AppendScanProbe
{
    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--append-scan"))
        {
            return false;
        }

        var rounds = ProbeArguments.Int(args, "--rounds", 30);
        var entries = BenchmarkData.Interventions(10_000).Select((i, n) => VectorEntry.From(i, n + 1)).ToList();
        var whole = new UserVectorSet(entries);
        var grown = UserVectorSet.Empty;
        foreach (var chunk in entries.Chunk(500))
        {
            grown = grown.WithAdded(chunk, BenchmarkData.Now);
        }

        var hybrid = new MemorySearchRequest
        {
            UserId = BenchmarkData.UserId, Embedding = BenchmarkData.Query(), EmbeddingModel = BenchmarkData.Model, Text = "tense before the meeting",
        };
        var kinds = new (string Name, UserVectorSet Set, MemorySearchRequest Request)[]
        {
            ("built whole, hybrid", whole, hybrid), ("grown by appends, hybrid", grown, hybrid),
            ("built whole, dense", whole, hybrid with { Text = null }), ("grown by appends, dense", grown, hybrid with { Text = null }),
        };
        if (!whole.Search(hybrid, BenchmarkData.Now).Select(m => m.Id).SequenceEqual(grown.Search(hybrid, BenchmarkData.Now).Select(m => m.Id)))
        {
            throw new InvalidOperationException("The two snapshots rank differently: the comparison would be meaningless.");
        }

        var times = kinds.ToDictionary(k => k.Name, _ => new List<double>());
        var load = File.ReadAllText("/proc/loadavg").Trim();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, set, request) in kinds)
            {
                for (var i = 0; i < 20; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    _ = set.Search(request, BenchmarkData.Now);
                    if (i >= 5)
                    {
                        times[name].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"10000 memories, built whole vs grown by 20 appends of 500; load {load} -> {File.ReadAllText("/proc/loadavg").Trim()}"));
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-26} median {list[list.Count / 2],6:F3} ms"));
        }

        return true;
    }
}
