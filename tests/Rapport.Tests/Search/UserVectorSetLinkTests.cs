using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Tests.Search;

public sealed class UserVectorSetLinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    // Only the best match lends, so that each test knows who lends to whom.
    private static readonly SearchRanking OneSeed = new() { LinkSeeds = 1 };

    private static readonly SearchRanking NoLinks = new() { LinkWeight = 0 };

    private static VectorEntry Entry(string id, float[] vector, string situation, int minutesAgo) =>
        new(id, "talk", InterventionOutcome.Unknown, null, Now.AddMinutes(-minutesAgo), Now.AddDays(1), "m", vector, situation, null);

    // "linked" and "control" are alike (same vector, no query word, "control" newer so first on a tie); only "linked" shares
    // rare words ("home", "country") with the best match.
    private static readonly VectorEntry[] Entries =
    [
        Entry("seed", [1, 0, 0], "Ana moved here from her home country", 40),
        Entry("linked", [0, 1, 0], "A gift from grandma in her home country, Sweden", 30),
        Entry("control", [0, 1, 0], "A gift from grandma in her old town, Uppsala", 20),
        Entry("chores", [0, 0, 1], "Groceries and laundry again", 10),
        Entry("dishes", [0, 0, 1], "Then the dishes and a walk", 5),
    ];

    private static MemorySearchRequest Request(string text, SearchRanking ranking) =>
        new() { UserId = "u", Embedding = new float[] { 1, 0, 0 }, Text = text, Mode = SearchMode.Hybrid, Top = 10, Ranking = ranking };

    private static List<string> Order(UserVectorSet set, MemorySearchRequest request) => [.. set.Search(request, Now).Select(h => h.Id)];

    [Fact]
    public void Search_Hybrid_MemorySharingARareWordWithTheBestMatch_OutranksAnOtherwiseEqualOne()
    {
        var set = new UserVectorSet(Entries);

        var linked = Order(set, Request("Where did Ana move from?", OneSeed));
        var unlinked = Order(set, Request("Where did Ana move from?", OneSeed with { LinkWeight = 0 }));

        Assert.Equal(["seed", "linked"], linked.Take(2));
        Assert.True(unlinked.IndexOf("control") < unlinked.IndexOf("linked"), string.Join(", ", unlinked));
    }

    [Fact]
    public void Search_Hybrid_DefaultRanking_LinksToo()
    {
        var set = new UserVectorSet(Entries);

        var hits = Order(set, Request("Where did Ana move from?", SearchRanking.Default));

        Assert.True(hits.IndexOf("linked") < hits.IndexOf("control"), string.Join(", ", hits));
    }

    [Fact]
    public void Search_Hybrid_OnlyTheSeedsLend()
    {
        var set = new UserVectorSet(Entries);

        // "linked" and "control" share "gift" and "grandma", but neither is among the single best match.
        var hits = set.Search(Request("Where did Ana move from?", OneSeed), Now);
        var control = hits.Single(h => h.Id == "control").Score;
        var withoutLinks = set.Search(Request("Where did Ana move from?", NoLinks with { LinkSeeds = 1 }), Now).Single(h => h.Id == "control").Score;

        Assert.Equal(withoutLinks, control);
    }

    [Fact]
    public void Search_Hybrid_QueryWordsDoNotLink()
    {
        // "sweden" is rare and shared by the best match and "linked", but it is a query word: it counts directly, not twice.
        VectorEntry[] entries =
        [
            Entry("seed", [1, 0, 0], "Ana moved here from Sweden", 40),
            Entry("linked", [0, 1, 0], "A gift from grandma in Sweden", 30),
            Entry("control", [0, 1, 0], "A gift from grandma in Uppsala", 20),
            Entry("chores", [0, 0, 1], "Groceries and laundry again", 10),
        ];
        var set = new UserVectorSet(entries);
        var request = Request("Did Ana move from Sweden?", OneSeed);

        Assert.Equal(set.Search(request with { Ranking = OneSeed with { LinkWeight = 0 } }, Now), set.Search(request, Now));
    }

    [Fact]
    public void Search_Hybrid_CommonWordsDoNotLink()
    {
        // "home" is in three of five memories: above LinkMaxShare unless every word may link.
        VectorEntry[] entries =
        [
            Entry("seed", [1, 0, 0], "Ana moved back home", 40),
            Entry("linked", [0, 1, 0], "A warm home", 30),
            Entry("control", [0, 1, 0], "A warm room", 20),
            Entry("other", [0, 0, 1], "Home again after work", 10),
            Entry("dishes", [0, 0, 1], "Then the dishes", 5),
        ];
        var set = new UserVectorSet(entries);

        var rare = Order(set, Request("Where did Ana move?", OneSeed));
        var any = Order(set, Request("Where did Ana move?", OneSeed with { LinkMaxShare = 1 }));

        Assert.True(rare.IndexOf("control") < rare.IndexOf("linked"), string.Join(", ", rare));
        Assert.True(any.IndexOf("linked") < any.IndexOf("control"), string.Join(", ", any));
    }

    [Fact]
    public void Search_Dense_IgnoresLinks()
    {
        var set = new UserVectorSet(Entries);
        var request = Request("Where did Ana move from?", OneSeed) with { Mode = SearchMode.Dense };

        Assert.Equal(set.Search(request with { Ranking = NoLinks }, Now), set.Search(request, Now));
    }

    [Theory]
    [InlineData(-0.1, 10, 0.01, "LinkWeight")]
    [InlineData(1.5, 10, 0.01, "LinkWeight")]
    [InlineData(double.NaN, 10, 0.01, "LinkWeight")]
    [InlineData(0.15, 0, 0.01, "LinkSeeds")]
    [InlineData(0.15, 101, 0.01, "LinkSeeds")]
    [InlineData(0.15, 10, -0.01, "LinkMaxShare")]
    [InlineData(0.15, 10, 1.01, "LinkMaxShare")]
    public void Validate_LinkParameterOutOfRange_IsRejected(double weight, int seeds, double maxShare, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new SearchRanking { LinkWeight = weight, LinkSeeds = seeds, LinkMaxShare = maxShare }.Validate());

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
