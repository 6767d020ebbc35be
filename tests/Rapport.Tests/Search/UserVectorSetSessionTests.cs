using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Tests.Search;

public sealed class UserVectorSetSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    // Neighbour context off, so that only the session's score can tell "trip-dawn" and "chores-dawn" apart.
    private static readonly SearchRanking NoNeighbours = new() { NeighbourWeight = 0 };

    private static VectorEntry Entry(string id, float[] vector, string situation, int minutesAgo, string? session, string kind = "talk") =>
        new(id, kind, InterventionOutcome.Unknown, null, Now.AddMinutes(-minutesAgo), Now.AddDays(1), "m", vector, situation, "ok", session);

    // Two identical memories "We hiked at dawn": one in a session about the volcano trip, one (newer, so first on a tie) in a
    // session about chores.
    private static readonly VectorEntry[] Entries =
    [
        Entry("trip-plan", [1, 0, 0], "The volcano trip is next week", 60, "trip", kind: "plan"),
        Entry("trip-book", [1, 0, 0], "We booked the volcano trip", 59, "trip", kind: "plan"),
        Entry("trip-filler", [0, 0, 1], "Sure, sounds good", 58, "trip"),
        Entry("trip-dawn", [0, 1, 0], "We hiked at dawn", 57, "trip"),
        Entry("chores-list", [0, 0, 1], "Groceries and laundry again", 31, "chores", kind: "plan"),
        Entry("chores-more", [0, 0, 1], "Then the dishes", 30, "chores", kind: "plan"),
        Entry("chores-filler", [0, 0, 1], "Sure, sounds good", 29, "chores"),
        Entry("chores-dawn", [0, 1, 0], "We hiked at dawn", 28, "chores"),
    ];

    private static MemorySearchRequest Request(SearchRanking ranking) =>
        new() { UserId = "u", Embedding = new float[] { 0.5f, 0.5f, 0 }, Text = "volcano trip hiked", Mode = SearchMode.Hybrid, Top = 10, Ranking = ranking };

    private static List<string> Order(UserVectorSet set, MemorySearchRequest request) => [.. set.Search(request, Now).Select(h => h.Id)];

    [Fact]
    public void Search_Hybrid_MemoryOfASessionAboutTheQuery_OutranksTheSameMemoryElsewhere()
    {
        var set = new UserVectorSet(Entries);

        var withSessions = Order(set, Request(NoNeighbours));
        var without = Order(set, Request(NoNeighbours with { SessionWeight = 0 }));

        Assert.True(withSessions.IndexOf("trip-dawn") < withSessions.IndexOf("chores-dawn"), string.Join(", ", withSessions));
        Assert.True(without.IndexOf("chores-dawn") < without.IndexOf("trip-dawn"), string.Join(", ", without));
        Assert.Equal(["trip-book", "trip-plan"], withSessions.Take(2).Order());
    }

    [Fact]
    public void Search_Hybrid_FilteredOutMemoriesLendTheirSessionNothing()
    {
        var set = new UserVectorSet(Entries);

        // Without the "plan" memories the trip session is no more about the query than the chores session: the tie stays.
        var hits = Order(set, Request(NoNeighbours) with { Kinds = ["talk"] });

        Assert.True(hits.IndexOf("chores-dawn") < hits.IndexOf("trip-dawn"), string.Join(", ", hits));
    }

    [Fact]
    public void Search_Hybrid_MemoriesWithoutSessions_KeepTheirOrderAmongThemselves()
    {
        var set = new UserVectorSet([.. Entries.Select(e => e with { SessionId = null })]);

        Assert.Equal(Order(set, Request(NoNeighbours with { SessionWeight = 0 })), Order(set, Request(NoNeighbours)));
    }

    [Fact]
    public void Search_Hybrid_SnapshotGrownByAppends_RanksLikeOneBuiltAtOnce()
    {
        var grown = new UserVectorSet(Entries[..3]).WithAdded(Entries[3..], Now).WithAdded([Entry("late", [0, 1, 0], "Hiked the volcano", 1, "trip")], Now);
        var whole = new UserVectorSet([.. Entries, Entry("late", [0, 1, 0], "Hiked the volcano", 1, "trip")]);

        Assert.Equal(whole.Search(Request(SearchRanking.Default), Now), grown.Search(Request(SearchRanking.Default), Now));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_SessionWeightOutOfRange_IsRejected(double weight)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SearchRanking { SessionWeight = weight }.Validate());

        Assert.Contains("SessionWeight", error.Message, StringComparison.Ordinal);
    }
}
