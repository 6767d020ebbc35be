using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>Rapport's side of bench/peers/run.sh: the same vectors and queries as the peers, through Rapport's in-process
/// search of one user's snapshot (<see cref="Rapport.Search.UserVectorSet"/>), one query at a time on one thread.</summary>
/// <remarks>
/// <code>
/// dotnet run -c Release --project bench/Rapport.Benchmarks -- --peer-search &lt;vectors.f32&gt; &lt;queries.f32&gt; &lt;dims&gt; &lt;out.tsv&gt;
/// </code>
/// Inputs are raw little-endian float32 rows. Three files: out.tsv (the exact 32-bit scan), out-compact.tsv (compact:
/// int8 scan and exact re-score), out-compact-scan.tsv (the int8 scan's estimates alone). Each holds one line per query: its latency in microseconds, then the top 10 row
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
        List<VectorEntry> entries = [.. vectors.Select((v, i) => new VectorEntry(
            i.ToString(CultureInfo.InvariantCulture), "breathing", InterventionOutcome.Unknown, null, now.AddSeconds(-i), now.AddDays(30), "peer", v))];
        var output = args[at + 4];
        var full = new UserVectorSet(entries);
        // Compact: the int8 scan keeps max(4k, 50) candidates, re-scored exactly from 32-bit vectors held apart (what a store
        // reads with the hits; here an in-memory dictionary, so the row shows the search's own cost, as hnswlib's does).
        var compact = new UserVectorSet(entries, VectorPrecision.Compact);
        var exact = entries.ToDictionary(e => e.Id, e => e.Vector, StringComparer.Ordinal);
        (string Path, Func<MemorySearchRequest, IReadOnlyList<VectorMatch>> Search)[] variants =
        [
            (output, request => full.Search(request, now)),
            (Sibling(output, "compact"), request => compact.SearchCandidates(request, now).Rescore(id => exact.TryGetValue(id, out var v) ? v : null)),
            // The int8 scan alone (estimates, no re-score): what the re-score costs on top.
            (Sibling(output, "compact-scan"), request => compact.Search(request, now)),
        ];
        var requests = queries.Select(query => new MemorySearchRequest { UserId = "peer", Embedding = query, Top = 10, Mode = SearchMode.Dense }).ToArray();
        var lines = variants.Select(_ => new List<string>(queries.Length)).ToArray();
        for (var round = 0; round < 4; round++)
        {
            // Three rounds warm up (JIT tiers); the fourth is measured. Each variant answers all queries in a row, as each peer
            // does, so its snapshot is as warm in the caches as a peer's index between its queries (taking turns query by
            // query, each variant ran right after another had streamed its own vectors, 3.7-14.6 MiB, through the caches).
            for (var v = 0; v < variants.Length; v++)
            {
                lines[v].Clear();
                foreach (var request in requests)
                {
                    var started = Stopwatch.GetTimestamp();
                    var matches = variants[v].Search(request);
                    var micros = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                    lines[v].Add(string.Join('\t', [micros.ToString("F1", CultureInfo.InvariantCulture), .. matches.Select(m => m.Id)]));
                }
            }
        }

        for (var v = 0; v < variants.Length; v++)
        {
            File.WriteAllLines(variants[v].Path, lines[v]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshot bytes (estimated): full {full.EstimatedBytes / 1048576.0:F1} MiB, compact {compact.EstimatedBytes / 1048576.0:F1} MiB; vector bytes scanned per query: full {(long)vectors.Length * dims * 4 / 1048576.0:F2} MiB, compact {(long)vectors.Length * dims / 1048576.0:F2} MiB"));
        return true;
    }

    private static string Sibling(string path, string suffix) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", $"{Path.GetFileNameWithoutExtension(path)}-{suffix}{Path.GetExtension(path)}");

    private static float[][] Read(string path, int dims)
    {
        var floats = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
        return [.. Enumerable.Range(0, floats.Length / dims).Select(r => floats.AsSpan(r * dims, dims).ToArray())];
    }
}
