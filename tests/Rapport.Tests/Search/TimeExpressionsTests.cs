using Rapport.Memory;
using Rapport.Search;
using Rapport.Search.Internal;

namespace Rapport.Tests.Search;

/// <summary>Time named in a query: parsed into an interval, and memories near it ranked up in hybrid search.</summary>
public sealed class TimeExpressionsTests
{
    private static readonly DateTimeOffset Now = new(2023, 10, 20, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("What did she paint on October 13, 2023?", "2023-10-13", "2023-10-14")]
    [InlineData("what happened on 8 May 2023", "2023-05-08", "2023-05-09")]
    [InlineData("When did Melanie go camping in June?", "2023-06-01", "2023-07-01")]
    [InlineData("When did Melanie go camping in December?", "2022-12-01", "2023-01-01")]
    [InlineData("the setback in October 2023", "2023-10-01", "2023-11-01")]
    [InlineData("How many times in 2022?", "2022-01-01", "2023-01-01")]
    [InlineData("What did I say yesterday?", "2023-10-19", "2023-10-20")]
    [InlineData("what helped last month", "2023-09-01", "2023-10-01")]
    [InlineData("the walk 2 weeks ago", "2023-10-02", "2023-10-11")]
    public void Find_NamedTime_IsItsInterval(string query, string start, string end)
    {
        var interval = TimeExpressions.Find(query, Now);

        Assert.Equal((DateTimeOffset.Parse(start + "T00:00:00Z"), DateTimeOffset.Parse(end + "T00:00:00Z")), interval);
    }

    [Theory]
    [InlineData("I may be late for my exam")]
    [InlineData("before my exam in the summer")]
    [InlineData("My back aches")]
    [InlineData("")]
    public void Find_NoClearTime_IsNull(string query) => Assert.Null(TimeExpressions.Find(query, Now));

    [Fact]
    public void Search_QueryNamingAMonth_RanksTheMemoryFromThatMonthFirst()
    {
        var set = new UserVectorSet(
        [
            Entry("june", new DateTimeOffset(2023, 6, 20, 10, 0, 0, TimeSpan.Zero)),
            Entry("august", new DateTimeOffset(2023, 8, 20, 10, 0, 0, TimeSpan.Zero)),
        ]);
        var request = new Rapport.Storage.MemorySearchRequest
        {
            UserId = "ana", Embedding = new float[] { 1f, 0f }, Text = "When did we go camping in June?", AskedAt = Now,
        };

        var timed = set.Search(request, Now.AddYears(3));
        var untimed = set.Search(request with { Ranking = SearchRanking.Default with { TimeWeight = 0 } }, Now.AddYears(3));

        Assert.Equal(["june", "august"], timed.Select(m => m.Id));
        Assert.Equal("august", untimed[0].Id); // equal otherwise: newer first
    }

    private static VectorEntry Entry(string id, DateTimeOffset created) =>
        new(id, "turn", InterventionOutcome.Unknown, null, created, created.AddYears(10), "m", new float[] { 1f, 0f }, "We went camping with the kids", "", "s1");
}
