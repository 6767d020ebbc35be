using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Tests.Search;

public sealed class UserVectorSetHybridTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static VectorEntry Entry(string id, float[] vector, string situation, string text = "ok", string kind = "talk", string model = "m") =>
        new(id, kind, InterventionOutcome.Unknown, null, Now.AddMinutes(-1), Now.AddDays(1), model, vector, situation, text);

    private static MemorySearchRequest Request(SearchMode mode, string? text, float[] vector) =>
        new() { UserId = "u", Embedding = vector, Text = text, Mode = mode, Top = 10 };

    private static readonly UserVectorSet Set = new(
    [
        Entry("exam", [1, 0, 0], "I can't sleep before my chemistry exam"),
        Entry("sister", [0, 1, 0], "An argument with my sister about the holidays"),
        Entry("deadline", [0.9f, 0.1f, 0], "A deadline at work keeps me up at night"),
        Entry("walk", [0, 0, 1], "I went for a walk", text: "We talked about the chemistry exam"),
    ]);

    [Fact]
    public void Search_Lexical_RanksByRareSharedWords_AndLeavesOutNonMatches()
    {
        var hits = Set.Search(Request(SearchMode.Lexical, "worried about the chemistry exam", [0, 1, 0]), Now);

        Assert.Equal(["exam", "walk"], hits.Select(h => h.Id));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal(0, hits[0].Similarity, 6);
    }

    [Fact]
    public void Search_Dense_IgnoresText()
    {
        var hits = Set.Search(Request(SearchMode.Dense, "chemistry exam", [0, 1, 0]), Now);

        Assert.Equal("sister", hits[0].Id);
        Assert.Equal(hits[0].Similarity, hits[0].Score, 6);
    }

    [Fact]
    public void Search_Hybrid_LetsStrongLexicalEvidenceWinOverDense()
    {
        // Dense alone prefers "deadline" ([0.9, 0.1] is close to [1, 0.2]); the words point at "exam".
        var hits = Set.Search(Request(SearchMode.Hybrid, "chemistry exam", [1, 0.2f, 0]), Now);

        Assert.Equal("exam", hits[0].Id);
        Assert.Equal(4, hits.Count);
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
    }

    [Fact]
    public void Search_HybridWithoutSearchableWords_RanksAsDense()
    {
        var dense = Set.Search(Request(SearchMode.Dense, null, [0, 0, 1]), Now);

        Assert.Equal(dense, Set.Search(Request(SearchMode.Hybrid, "what is it?", [0, 0, 1]), Now));
        Assert.Equal(dense, Set.Search(Request(SearchMode.Hybrid, null, [0, 0, 1]), Now));
    }

    [Fact]
    public void Search_LexicalWithoutText_FindsNothing()
    {
        Assert.Empty(Set.Search(Request(SearchMode.Lexical, null, [1, 0, 0]), Now));
    }

    [Fact]
    public void Search_OtherEmbedder_IsFoundByWordsOnly()
    {
        var set = new UserVectorSet([Entry("mine", [1, 0], "tired today", model: "a"), Entry("old", [1, 0, 0], "exam nerves again", model: "b")]);
        var request = Request(SearchMode.Hybrid, "exam nerves", [1, 0]) with { EmbeddingModel = "a" };

        // Hybrid finds the memory awaiting re-embedding by its words (it shares the query's), so recall keeps working meanwhile.
        Assert.Equal(["old", "mine"], set.Search(request, Now).Select(h => h.Id));
        Assert.Equal(["mine"], set.Search(request with { Mode = SearchMode.Dense }, Now).Select(h => h.Id));
        Assert.Equal(["old"], set.Search(request with { Mode = SearchMode.Lexical }, Now).Select(h => h.Id));
    }

    [Fact]
    public void Search_LexicalWeightZero_IsDense()
    {
        var request = Request(SearchMode.Hybrid, "chemistry exam", [0, 1, 0]) with { Ranking = new SearchRanking { LexicalWeight = 0 } };

        Assert.Equal(Set.Search(request with { Mode = SearchMode.Dense }, Now), Set.Search(request, Now));
    }

    [Fact]
    public void Validate_OutOfRangeRanking_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SearchRanking { LexicalWeight = 1.5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SearchRanking { B = double.NaN }.Validate());
        Assert.ThrowsAny<ArgumentException>(() => MemoryRecordValidator.Validate(Request((SearchMode)7, "x", [1])));
    }
}
