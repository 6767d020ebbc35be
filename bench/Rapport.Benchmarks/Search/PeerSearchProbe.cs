using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>Rapport's side of bench/peers/run.sh: the same vectors and queries as the peers, through Rapport's in-process
/// search of one user's snapshot (<see cref="Rapport.Search.UserVectorSet"/>), one query at a time on one thread.</summary>
/// <remarks>
/// <code>
/// dotnet run -c Release --project bench/Rapport.Benchmarks -- --peer-search &lt;vectors.f32&gt; &lt;queries.f32&gt; &lt;dims&gt; &lt;out.tsv&gt;
/// </code>
/// Inputs are raw little-endian float32 rows. Writes one line per query: its latency in microseconds, then the top 10 row
/// numbers, tab-separated; run.sh computes p50, p99 and recall@10 for every engine the same way.
/// </remarks>
internal static class PeerSearchProbe
{
    public static bool TryRun(string[] args)
    {
        var at = Array.IndexOf(args, "--peer-search");
        if (at < 0)
        {
            return false;
        }

        var dims = int.Parse(args[at + 3], CultureInfo.InvariantCulture);
        var vectors = Read(args[at + 1], dims);
        var queries = Read(args[at + 2], dims);
        var now = DateTimeOffset.UtcNow;
        var set = new Rapport.Search.UserVectorSet([.. vectors.Select((v, i) => new Rapport.Search.VectorEntry(
            i.ToString(CultureInfo.InvariantCulture), "breathing", InterventionOutcome.Unknown, null, now.AddSeconds(-i), now.AddDays(30), "peer", v))]);
        var lines = new List<string>(queries.Length);
        for (var round = 0; round < 2; round++)
        {
            // The first round warms up (JIT, caches); the second is measured.
            lines.Clear();
            foreach (var query in queries)
            {
                var request = new MemorySearchRequest { UserId = "peer", Embedding = query, Top = 10, Mode = Rapport.Search.SearchMode.Dense };
                var started = Stopwatch.GetTimestamp();
                var matches = set.Search(request, now);
                var micros = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                lines.Add(string.Join('\t', [micros.ToString("F1", CultureInfo.InvariantCulture), .. matches.Select(m => m.Id)]));
            }
        }

        File.WriteAllLines(args[at + 4], lines);
        return true;
    }

    private static float[][] Read(string path, int dims)
    {
        var floats = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
        return [.. Enumerable.Range(0, floats.Length / dims).Select(r => floats.AsSpan(r * dims, dims).ToArray())];
    }
}
