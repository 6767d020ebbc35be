using System.Numerics.Tensors;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Tests.Search;

public sealed class UserVectorSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Search_OrdersBySimilarityDescending_AndReportsCosine()
    {
        var set = new UserVectorSet([
            Entry("far", [0f, 1f]),
            Entry("near", [1f, 0.1f]),
            Entry("middle", [1f, 1f]),
        ]);

        var matches = set.Search(Request([2f, 0f]), Now);

        Assert.Equal(["near", "middle", "far"], matches.Select(m => m.Id));
        Assert.Equal(1 / Math.Sqrt(1.01), matches[0].Similarity, 5);
        Assert.Equal(Math.Sqrt(0.5), matches[1].Similarity, 5);
        Assert.Equal(0, matches[2].Similarity, 5);
    }

    [Fact]
    public void Search_Ties_NewerFirstThenIdOrdinal()
    {
        var set = new UserVectorSet([
            Entry("b-old", [1f, 0f], created: Now.AddHours(-2)),
            Entry("b-new", [1f, 0f], created: Now.AddHours(-1)),
            Entry("a-new", [2f, 0f], created: Now.AddHours(-1)),
            Entry("B-new", [3f, 0f], created: Now.AddHours(-1)),
        ]);

        var matches = set.Search(Request([1f, 0f]), Now);

        // Equal similarity (the vectors are parallel): newest first, then ordinal id order ('B' < 'a' < 'b').
        Assert.Equal(["B-new", "a-new", "b-new", "b-old"], matches.Select(m => m.Id));
    }

    [Fact]
    public void Search_SameInputInAnyOrder_SameResult()
    {
        var entries = Enumerable.Range(0, 50).Select(i => Entry($"id{i:D2}", [i % 3, 1f], created: Now.AddMinutes(-(i % 4)))).ToList();
        var forward = new UserVectorSet(entries).Search(Request([1f, 1f], top: 20), Now);

        entries.Reverse();
        var backward = new UserVectorSet(entries).Search(Request([1f, 1f], top: 20), Now);

        Assert.Equal(forward, backward);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(1_000)]
    public void Search_Top_BoundsResultsAndMatchesFullSort(int top)
    {
        var random = new Random(1234);
        var entries = Enumerable.Range(0, 300)
            .Select(i => Entry($"id{i:D3}", RandomVector(random, 16), created: Now.AddMinutes(-random.Next(10))))
            .ToList();
        var query = RandomVector(random, 16);

        var matches = new UserVectorSet(entries).Search(Request(query, top), Now);

        var expected = entries
            .Select(e => (e.Id, e.CreatedAt, Similarity: (double)TensorPrimitives.CosineSimilarity(query, e.Vector.Span)))
            .OrderByDescending(e => e.Similarity).ThenByDescending(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(top)
            .ToList();
        Assert.Equal(Math.Min(top, entries.Count), matches.Count);
        Assert.Equal(expected.Select(e => e.Id), matches.Select(m => m.Id));
        Assert.All(matches.Zip(expected), pair => Assert.Equal(pair.Second.Similarity, pair.First.Similarity, 5));
    }

    [Fact]
    public void Search_ExpiredEntries_AreExcludedFromTheExpiryInstant()
    {
        var set = new UserVectorSet([
            Entry("live", [1f, 0f], expires: Now.AddTicks(1)),
            Entry("expires-now", [1f, 0f], expires: Now),
            Entry("expired", [1f, 0f], expires: Now.AddDays(-1)),
        ]);

        Assert.Equal(["live"], set.Search(Request([1f, 0f]), Now).Select(m => m.Id));
        Assert.Equal(3, set.Search(Request([1f, 0f]), Now.AddDays(-2)).Count);
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void Search_MixedDimensions_OnlyComparesVectorsOfTheQuerySize()
    {
        var set = new UserVectorSet([
            Entry("two", [1f, 0f]),
            Entry("three", [1f, 0f, 0f]),
            Entry("four", [1f, 0f, 0f, 0f]),
        ]);

        Assert.Equal(["three"], set.Search(Request([1f, 0f, 0f]), Now).Select(m => m.Id));
        Assert.Empty(set.Search(Request([1f, 0f, 0f, 0f, 0f]), Now));
    }

    [Fact]
    public void Search_EmbeddingModel_KeepsOnlyThatModelAndEmptyMeansAny()
    {
        var set = new UserVectorSet([
            Entry("mini", [1f, 0f], model: "all-minilm-l6-v2"),
            Entry("hashing", [1f, 0f], model: "hashing-384"),
        ]);

        Assert.Equal(["hashing"], set.Search(Request([1f, 0f]) with { EmbeddingModel = "hashing-384" }, Now).Select(m => m.Id));
        Assert.Empty(set.Search(Request([1f, 0f]) with { EmbeddingModel = "other-model" }, Now));
        Assert.Equal(2, set.Search(Request([1f, 0f]) with { EmbeddingModel = "" }, Now).Count);
        Assert.Equal(["all-minilm-l6-v2", "hashing-384"], set.EmbeddingModels);
    }

    [Fact]
    public void Search_MinQuality_ExcludesLowerAndUnscored()
    {
        var set = new UserVectorSet([
            Entry("high", [1f, 0f], quality: 0.9),
            Entry("exact", [1f, 0f], quality: 0.6),
            Entry("low", [1f, 0f], quality: 0.59),
            Entry("unscored", [1f, 0f], quality: null),
        ]);

        var ids = set.Search(Request([1f, 0f]) with { MinQuality = 0.6 }, Now).Select(m => m.Id).Order();

        Assert.Equal(["exact", "high"], ids);
        Assert.DoesNotContain(set.Search(Request([1f, 0f]) with { MinQuality = 0 }, Now), m => m.Id == "unscored");
        Assert.Contains(set.Search(Request([1f, 0f]), Now), m => m.Id == "unscored");
    }

    [Fact]
    public void Search_OutcomeFilter_KeepsOnlyThatOutcome()
    {
        var set = new UserVectorSet([
            Entry("helped", [1f, 0f], outcome: InterventionOutcome.Helped),
            Entry("not", [1f, 0f], outcome: InterventionOutcome.NotHelped),
            Entry("unknown", [1f, 0f]),
        ]);

        Assert.Equal(["helped"], set.Search(Request([1f, 0f]) with { Outcome = InterventionOutcome.Helped }, Now).Select(m => m.Id));
        Assert.Equal(["unknown"], set.Search(Request([1f, 0f]) with { Outcome = InterventionOutcome.Unknown }, Now).Select(m => m.Id));
    }

    [Fact]
    public void Search_KindsFilter_KeepsListedKindsAndUnknownKindsMatchNothing()
    {
        var set = new UserVectorSet([
            Entry("b1", [1f, 0f], kind: "breathing"),
            Entry("r1", [1f, 0f], kind: "reframe"),
            Entry("k1", [1f, 0f], kind: "break"),
        ]);

        Assert.Equal(["b1", "k1"], set.Search(Request([1f, 0f]) with { Kinds = ["breathing", "break", "walk"] }, Now).Select(m => m.Id).Order());
        Assert.Empty(set.Search(Request([1f, 0f]) with { Kinds = ["walk"] }, Now));
        Assert.Empty(set.Search(Request([1f, 0f]) with { Kinds = ["Breathing"] }, Now));
        Assert.Equal(3, set.Search(Request([1f, 0f]) with { Kinds = [] }, Now).Count);
    }

    [Fact]
    public void Search_TimeWindow_SinceInclusiveUntilExclusive()
    {
        var set = new UserVectorSet([
            Entry("before", [1f, 0f], created: Now.AddHours(-3)),
            Entry("since", [1f, 0f], created: Now.AddHours(-2)),
            Entry("until", [1f, 0f], created: Now.AddHours(-1)),
        ]);

        var matches = set.Search(Request([1f, 0f]) with { Since = Now.AddHours(-2), Until = Now.AddHours(-1) }, Now);

        Assert.Equal(["since"], matches.Select(m => m.Id));
    }

    [Fact]
    public void Search_MinSimilarity_DropsLessSimilar()
    {
        var set = new UserVectorSet([Entry("same", [1f, 0f]), Entry("diagonal", [1f, 1f]), Entry("opposite", [-1f, 0f])]);

        Assert.Equal(["same", "diagonal"], set.Search(Request([1f, 0f]) with { MinSimilarity = 0.7 }, Now).Select(m => m.Id));
    }

    [Fact]
    public void Search_ZeroVectors_SimilarityZeroNotNaN()
    {
        var set = new UserVectorSet([Entry("zero", [0f, 0f]), Entry("one", [1f, 0f])]);

        var fromZeroQuery = set.Search(Request([0f, 0f]), Now);
        var toZeroEntry = set.Search(Request([0f, 1f]), Now);

        Assert.All(fromZeroQuery, m => Assert.Equal(0, m.Similarity));
        Assert.All(toZeroEntry, m => Assert.False(double.IsNaN(m.Similarity)));
    }

    [Fact]
    public void Search_CombinedFilters_AllApply()
    {
        var set = new UserVectorSet([
            Entry("match", [1f, 0f], kind: "break", outcome: InterventionOutcome.Helped, quality: 0.8),
            Entry("wrong-kind", [1f, 0f], kind: "reframe", outcome: InterventionOutcome.Helped, quality: 0.8),
            Entry("wrong-outcome", [1f, 0f], kind: "break", outcome: InterventionOutcome.NotHelped, quality: 0.8),
            Entry("low-quality", [1f, 0f], kind: "break", outcome: InterventionOutcome.Helped, quality: 0.2),
            Entry("too-old", [1f, 0f], kind: "break", outcome: InterventionOutcome.Helped, quality: 0.8, created: Now.AddDays(-3)),
        ]);
        var request = Request([1f, 0f]) with
        {
            Kinds = ["break"], Outcome = InterventionOutcome.Helped, MinQuality = 0.5, Since = Now.AddDays(-1),
        };

        Assert.Equal(["match"], set.Search(request, Now).Select(m => m.Id));
    }

    [Fact]
    public void Empty_HasNoEntriesAndFindsNothing()
    {
        Assert.Equal(0, UserVectorSet.Empty.Count);
        Assert.Empty(UserVectorSet.Empty.Search(Request([1f, 0f]), Now));
        Assert.Empty(UserVectorSet.Empty.EmbeddingModels);
    }

    [Fact]
    public void Constructor_CopiesVectors_LaterChangesToTheSourceDoNotLeakIn()
    {
        float[] vector = [1f, 0f];
        var set = new UserVectorSet([Entry("a", vector), Entry("b", [0.8f, 0.6f])]);

        vector[0] = -1f;

        Assert.Equal("a", set.Search(Request([1f, 0f]), Now)[0].Id);
    }

    [Theory]
    [InlineData(SearchMode.Dense, true)]
    [InlineData(SearchMode.Lexical, true)]
    [InlineData(SearchMode.Hybrid, true)]
    [InlineData(SearchMode.Lexical, false)]
    [InlineData(SearchMode.Hybrid, false)]
    public void WithAddedAndWithOutcome_SearchLikeASnapshotBuiltFromScratch(SearchMode mode, bool withExpired)
    {
        var random = new Random(7);
        var words = new[] { "exam", "sleep", "boss", "sister", "deadline", "presentation", "night", "argument" };
        VectorEntry Worded(int i, InterventionOutcome outcome = InterventionOutcome.Unknown) =>
            Entry($"id{i:D2}", RandomVector(random, 8), outcome: outcome, created: Now.AddMinutes(-60 + i)) with
            {
                Situation = $"{words[i % words.Length]} and {words[(i * 3) % words.Length]} again",
                Text = "let's breathe",
                SessionId = $"s{i / 3}",
            };
        var first = Enumerable.Range(0, 12).Select(i => Worded(i)).ToList();
        var added = Enumerable.Range(12, 3).Select(i => Worded(i)).ToList();
        var expired = Entry("gone", RandomVector(random, 8), expires: Now.AddMinutes(-1)) with { Situation = "exam night", Text = "walk" };
        var request = new MemorySearchRequest { UserId = "ana", Embedding = RandomVector(random, 8), Text = "exam the night before", Mode = mode, Top = 20 };

        // An expired entry (one of 13, under the compaction share) keeps its slot, skipped by searches, and counts in the
        // lexical statistics like in a snapshot built from scratch with it; the index is extended in place either way.
        IReadOnlyList<VectorEntry> initial = withExpired ? [.. first, expired] : first;
        var start = new UserVectorSet(initial);
        _ = start.Search(request, Now); // builds the lexical index, which the derived snapshots reuse
        var derived = start.WithAdded(added, Now).WithOutcome("id03", InterventionOutcome.Helped).WithOutcome("id13", InterventionOutcome.NotHelped);
        var scratch = new UserVectorSet([
            .. initial.Select(e => e.Id == "id03" ? e with { Outcome = InterventionOutcome.Helped } : e),
            .. added.Select(e => e.Id == "id13" ? e with { Outcome = InterventionOutcome.NotHelped } : e)]);

        Assert.Equal(scratch.Search(request, Now), derived.Search(request, Now));
        Assert.Equal(scratch.Search(request with { Outcome = InterventionOutcome.Helped }, Now), derived.Search(request with { Outcome = InterventionOutcome.Helped }, Now));
        Assert.Equal(withExpired ? 16 : 15, derived.Count);
    }

    [Theory]
    [InlineData(SearchMode.Lexical)]
    [InlineData(SearchMode.Hybrid)]
    public void ColdIndexOfManyEntries_AnalyzedInParallelSlices_SearchesLikeOneGrownEntryByEntry(SearchMode mode)
    {
        // Thousands of entries are analyzed in slices on every core, each slice with its own cache of stemmed words; an
        // index grown by appends analyzes each entry alone. Both must hold the same terms, counts and statistics.
        var random = new Random(11);
        var words = new[] { "Exams", "sleeping", "boss's", "café", "deadline", "Präsentation", "nights", "arguing", "日本語", "don't" };
        var entries = Enumerable.Range(0, 5_000).Select(i => Entry($"id{i:D4}", RandomVector(random, 8), created: Now.AddMinutes(-i)) with
        {
            Situation = $"{words[i % words.Length]} {words[(i * 7) % words.Length]} before the {i % 97}",
            Text = i % 3 == 0 ? "Let's breathe slowly" : $"{words[(i * 3) % words.Length]} walk",
            SessionId = $"s{i / 10}",
        }).ToList();
        var request = new MemorySearchRequest { UserId = "ana", Embedding = RandomVector(random, 8), Text = "sleep before the exam, 42", Mode = mode, Top = 50 };

        var grown = new UserVectorSet(entries[..10]);
        _ = grown.Search(request, Now);
        grown = grown.WithAdded(entries[10..], Now);
        var cold = new UserVectorSet(entries);

        Assert.Equal(grown.Search(request, Now), cold.Search(request, Now));
        Assert.Equal(50, cold.Search(request, Now).Count);
    }

    [Fact]
    public void WithAdded_AnIdAlreadyPresent_IsNotAddedTwice()
    {
        var entry = Entry("a", [1f, 0f]);
        var set = new UserVectorSet([entry]);

        Assert.Equal(1, set.WithAdded([entry], Now).Count);
    }

    [Fact]
    public void CountLiveByEmbeddingModel_CountsOnlyLiveEntries_AndLeavesOutModelsWithNone()
    {
        var set = new UserVectorSet([
            Entry("a", [1f, 0f], model: "minilm"),
            Entry("b", [1f, 0f], model: "minilm"),
            Entry("c", [1f, 0f], model: "hashing"),
            Entry("gone", [1f, 0f], model: "old", expires: Now),
        ]);

        var counts = set.CountLiveByEmbeddingModel(Now);

        Assert.Equal(new Dictionary<string, long> { ["minilm"] = 2, ["hashing"] = 1 }, counts);
    }

    private static VectorEntry Entry(
        string id,
        float[] vector,
        string kind = "breathing",
        InterventionOutcome outcome = InterventionOutcome.Unknown,
        double? quality = null,
        DateTimeOffset? created = null,
        DateTimeOffset? expires = null,
        string model = "test-model") =>
        new(id, kind, outcome, quality, created ?? Now.AddHours(-1), expires ?? Now.AddDays(29), model, vector);

    private static MemorySearchRequest Request(float[] query, int top = 10) =>
        new() { UserId = "ana", Embedding = query, Top = top };

    private static float[] RandomVector(Random random, int dimensions) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
