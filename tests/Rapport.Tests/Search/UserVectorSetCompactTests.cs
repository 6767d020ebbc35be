using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Tests.Search;

/// <summary>Compact snapshots (int8 scan, exact re-score of max(4k, 50) candidates) against the exact 32-bit scan.</summary>
public sealed class UserVectorSetCompactTests
{
    private const int Dimensions = 384;
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecallAt10_RandomUnitVectors_AtLeast099()
    {
        var random = new Random(17);
        var vectors = Enumerable.Range(0, 4_000).Select(_ => Unit(random, Gaussian(random))).ToArray();
        // Half the queries near a stored vector, half anywhere (the peer benchmark's mix).
        var queries = Enumerable.Range(0, 60).Select(q => q % 2 == 0 ? Near(random, vectors[random.Next(vectors.Length)], 0.6f) : Unit(random, Gaussian(random)));

        var recall = Recall(vectors, queries);

        Assert.True(recall >= 0.99, $"recall@10 {recall:F4} on random unit vectors");
    }

    [Fact]
    public void RecallAt10_ClusteredNearDuplicates_AtLeast099()
    {
        // 40 tight clusters (a user's recurring situations), each holding near-duplicates a few thousandths apart: the
        // top 10 differ from the next ones by less than an int8 estimate's error, so only the re-score can order them.
        var random = new Random(23);
        var centres = Enumerable.Range(0, 40).Select(_ => Unit(random, Gaussian(random))).ToArray();
        var vectors = Enumerable.Range(0, 4_000).Select(i =>
        {
            var near = Near(random, centres[i % centres.Length], 0.15f);
            return i % 4 == 0 ? near : Near(random, near, 0.01f);
        }).ToArray();
        var queries = Enumerable.Range(0, 60).Select(q => Near(random, centres[q % centres.Length], 0.1f));

        var recall = Recall(vectors, queries);

        Assert.True(recall >= 0.99, $"recall@10 {recall:F4} on clustered near-duplicates");
    }

    [Fact]
    public void Rescore_ReturnsTheExactScanScores_ForTheSameIds()
    {
        var random = new Random(5);
        var vectors = Enumerable.Range(0, 500).Select(_ => Unit(random, Gaussian(random))).ToArray();
        var (full, compact, byId) = Sets(vectors);
        var query = Near(random, vectors[3], 0.3f);

        var exact = full.Search(Request(query), Now);
        var candidates = compact.SearchCandidates(Request(query), Now);
        var rescored = candidates.Rescore(id => byId[id]);

        Assert.True(candidates.NeedsVectors);
        Assert.Equal(CandidateMatches.RescoreCount(10), candidates.Matches.Count);
        Assert.Equal(exact, rescored);
        // The estimates alone are close to the exact cosines but not equal: the re-score is what makes them exact.
        var estimate = candidates.Matches.Single(m => m.Id == exact[0].Id).Similarity;
        Assert.InRange(estimate - exact[0].Similarity, -0.02, 0.02);
        Assert.NotEqual(exact[0].Similarity, estimate);
    }

    [Fact]
    public void Rescore_LeavesOutCandidatesTheStoreNoLongerHolds()
    {
        var random = new Random(6);
        var vectors = Enumerable.Range(0, 100).Select(_ => Unit(random, Gaussian(random))).ToArray();
        var (full, compact, byId) = Sets(vectors);
        var query = vectors[7];

        var rescored = compact.SearchCandidates(Request(query), Now).Rescore(id => id == "m7" ? null : byId[id]);

        Assert.DoesNotContain(rescored, m => m.Id == "m7");
        Assert.Equal(full.Search(Request(query, top: 11), Now).Where(m => m.Id != "m7"), rescored);
    }

    [Fact]
    public void Filters_SelectTheSameMemories_AsTheExactScan()
    {
        var random = new Random(8);
        var entries = Enumerable.Range(0, 300).Select(i => new VectorEntry(
            $"m{i}", i % 3 == 0 ? "breathing" : "reframing", (InterventionOutcome)(i % 4), i % 5 / 4.0,
            Now.AddMinutes(-i), Now.AddDays(i % 7 == 0 ? -1 : 30), "minilm", Unit(random, Gaussian(random)))).ToList();
        var full = new UserVectorSet(entries);
        var compact = new UserVectorSet(entries, VectorPrecision.Compact);
        var byId = entries.ToDictionary(e => e.Id, e => (ReadOnlyMemory<float>?)e.Vector);
        var query = Unit(random, Gaussian(random));
        MemorySearchRequest[] requests =
        [
            Request(query) with { Kinds = ["breathing"] },
            Request(query) with { Outcome = InterventionOutcome.Helped, MinQuality = 0.5 },
            Request(query) with { MinSimilarity = 0.05 },
            Request(query) with { Since = Now.AddMinutes(-100), Until = Now.AddMinutes(-20), EmbeddingModel = "minilm" },
            Request(query) with { EmbeddingModel = "other" },
        ];

        foreach (var request in requests)
        {
            var exact = full.Search(request, Now);
            Assert.Equal(exact, compact.SearchCandidates(request, Now).Rescore(id => byId[id]));
        }
    }

    [Fact]
    public void HybridAndLexical_RankTheSameMemories_AsTheExactScan()
    {
        var random = new Random(9);
        string[] words = ["exam", "sister", "sleep", "deadline", "walk", "holidays", "chemistry", "argument"];
        var entries = Enumerable.Range(0, 200).Select(i => new VectorEntry(
            $"m{i}", "talk", InterventionOutcome.Unknown, null, Now.AddMinutes(-i), Now.AddDays(30), "m", Unit(random, Gaussian(random)),
            $"I worry about the {words[i % words.Length]} and the {words[i * 7 % words.Length]}", "ok", $"s{i / 5}")).ToList();
        var full = new UserVectorSet(entries);
        var compact = new UserVectorSet(entries, VectorPrecision.Compact);
        var byId = entries.ToDictionary(e => e.Id, e => (ReadOnlyMemory<float>?)e.Vector);
        var query = Near(random, entries[4].Vector.ToArray(), 0.5f);

        foreach (var mode in new[] { SearchMode.Hybrid, SearchMode.Lexical })
        {
            var request = Request(query) with { Mode = mode, Text = "the chemistry exam" };
            var exact = full.Search(request, Now);
            var rescored = compact.SearchCandidates(request, Now).Rescore(id => byId[id]);

            Assert.Equal(exact.Select(m => m.Id), rescored.Select(m => m.Id));
            Assert.Equal(exact.Select(m => m.Similarity), rescored.Select(m => m.Similarity));
            // Re-scoring corrects a candidate's own dense part; its neighbour's and its session's shares stay as estimated.
            Assert.All(exact.Zip(rescored), p => Assert.Equal(p.First.Score, p.Second.Score, 0.002));
        }
    }

    [Fact]
    public void EstimatedBytes_CompactHoldsUnderAThirdOfTheVectors()
    {
        var random = new Random(10);
        var vectors = Enumerable.Range(0, 1_000).Select(_ => Unit(random, Gaussian(random))).ToArray();
        var (full, compact, _) = Sets(vectors);

        // Without texts the vectors dominate: 4 bytes per dimension against 1 (plus a scale and an error per entry).
        Assert.InRange((double)compact.EstimatedBytes / full.EstimatedBytes, 0.2, 0.35);
        Assert.Equal(VectorPrecision.Compact, compact.Precision);
    }

    [Fact]
    public void Changes_KeepTheSnapshotCompact_AndExact()
    {
        var random = new Random(11);
        var vectors = Enumerable.Range(0, 200).Select(_ => Unit(random, Gaussian(random))).ToArray();
        var (full, compact, byId) = Sets(vectors);
        var added = Enumerable.Range(200, 20).Select(i => Entry(i, Unit(random, Gaussian(random)))).ToList();
        foreach (var entry in added)
        {
            byId[entry.Id] = entry.Vector;
        }

        // Adds, a repeated add (harmless), then deletions past an eighth of the snapshot: appended, then compacted.
        var deleted = Enumerable.Range(0, 60).Select(i => $"m{i}").ToList();
        full = full.WithAdded(added, Now).WithAdded(added, Now).WithChanges([], deleted, Now);
        compact = compact.WithAdded(added, Now).WithAdded(added, Now).WithChanges([], deleted, Now);
        var query = added[3].Vector.ToArray();

        Assert.Equal(VectorPrecision.Compact, compact.Precision);
        Assert.Equal(full.Count, compact.Count);
        Assert.Equal(full.Search(Request(query), Now), compact.SearchCandidates(Request(query), Now).Rescore(id => byId[id]));
    }

    [Fact]
    public void FullSnapshot_NeedsNoVectors()
    {
        var (full, _, _) = Sets([Unit(new Random(1), Gaussian(new Random(2)))]);

        var candidates = full.SearchCandidates(Request([.. Gaussian(new Random(3))]), Now);

        Assert.False(candidates.NeedsVectors);
        Assert.Same(candidates.Matches, candidates.Rescore(_ => throw new InvalidOperationException("not called")));
    }

    // Mean recall@10 of the compact search (re-scored) against the exact scan over the same vectors.
    private static double Recall(float[][] vectors, IEnumerable<float[]> queries)
    {
        var (full, compact, byId) = Sets(vectors);
        var recalls = queries.Select(query =>
        {
            var exact = full.Search(Request(query), Now).Select(m => m.Id).ToHashSet();
            var found = compact.SearchCandidates(Request(query), Now).Rescore(id => byId[id]);
            return found.Count(m => exact.Contains(m.Id)) / 10.0;
        }).ToList();
        return recalls.Average();
    }

    private static (UserVectorSet Full, UserVectorSet Compact, Dictionary<string, ReadOnlyMemory<float>?> ById) Sets(float[][] vectors)
    {
        var entries = vectors.Select(Entry).ToList();
        return (new UserVectorSet(entries), new UserVectorSet(entries, VectorPrecision.Compact),
            entries.ToDictionary(e => e.Id, e => (ReadOnlyMemory<float>?)e.Vector));
    }

    private static VectorEntry Entry(float[] vector, int i) => Entry(i, vector);

    private static VectorEntry Entry(int i, float[] vector) =>
        new($"m{i}", "breathing", InterventionOutcome.Unknown, null, Now.AddMinutes(-i), Now.AddDays(30), "minilm", vector);

    private static MemorySearchRequest Request(float[] query, int top = 10) =>
        new() { UserId = "ana", Embedding = query, Top = top, Mode = SearchMode.Dense };

    private static float[] Gaussian(Random random) =>
        [.. Enumerable.Range(0, Dimensions).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

    private static float[] Unit(Random random, float[] vector)
    {
        _ = random;
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return [.. vector.Select(x => x / norm)];
    }

    private static float[] Near(Random random, float[] centre, float noise)
    {
        var offset = Unit(random, Gaussian(random));
        return Unit(random, [.. centre.Zip(offset, (c, o) => c + (noise * o))]);
    }
}
