using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

public abstract partial class MemoryStoreConformanceTests
{
    public static TheoryData<string, string> NeighbouringUsers => new()
    {
        { "a", "a:b" },
        { "a:b", "a" },
        { "a", "A" },
        { "a.b", "a_b" },
        { "ana@x", "ana" },
        { "a-1", "a-10" },
    };

    [Theory]
    [MemberData(nameof(NeighbouringUsers))]
    public async Task Search_NeverReturnsAnotherUsersMemory(string user, string neighbour)
    {
        var store = await OpenStoreAsync();
        var mine = Make(user, Axis(1));
        await store.RecordAsync([mine, Make(neighbour, Axis(0)), Make(neighbour, Axis(0, 0.1f))]);

        var hits = await store.SearchAsync(Query(user, Axis(0)));
        var list = await store.ListAsync(user);

        Assert.Equal([mine.Id], hits.Select(h => h.Intervention.Id));
        Assert.Equal([mine.Id], list.Select(i => i.Id));
        Assert.All(hits, h => Assert.Equal(user, h.Intervention.UserId));
    }

    [Fact]
    public async Task Forget_RemovesEverythingOfUser_OthersUntouched()
    {
        var store = await OpenStoreAsync();
        var now = Time.GetUtcNow();
        var anaRecord = Make("ana", Axis(0));
        var neighbour = Make("ana:b", Axis(0));
        var ben = Make("ben", Axis(0));
        await store.RecordAsync([anaRecord, Make("ana", Axis(1)), neighbour, ben]);
        await store.AddReflectionAsync(Reflection("ana", "s1", now, "ana's session"));
        await store.AddReflectionAsync(Reflection("ben", "s1", now, "ben's session"));
        await store.SaveProfileAsync(new UserProfile { UserId = "ana", Facts = ["secret"], UpdatedAt = now, ExpiresAt = now.AddDays(30) });

        var removed = await store.ForgetUserAsync("ana");

        Assert.Equal(4, removed);
        Assert.Null(await store.GetAsync(anaRecord.Id));
        Assert.Empty(await store.ListAsync("ana"));
        Assert.Empty(await store.SearchAsync(Query("ana", Axis(0))));
        Assert.Empty(await store.ListReflectionsAsync("ana"));
        var profile = await store.GetProfileAsync("ana");
        Assert.Empty(profile.Facts);
        Assert.Empty(profile.KindOutcomes);
        var stats = await store.GetStatsAsync("ana");
        Assert.Equal((0L, 0L, 0L, 0L), (stats.Users, stats.Interventions, stats.Reflections, stats.Profiles));
        Assert.NotNull(await store.GetAsync(neighbour.Id));
        Assert.NotNull(await store.GetAsync(ben.Id));
        Assert.Single(await store.ListReflectionsAsync("ben"));
        Assert.Single(await store.SearchAsync(Query("ben", Axis(0))));
        Assert.Equal(2, (await store.GetStatsAsync()).Users);
    }

    [Fact]
    public async Task Forget_IsSeenByAnotherInstance()
    {
        var first = await OpenStoreAsync();
        var second = await OpenStoreAsync();
        await first.RecordAsync([Make("ana", Axis(0))]);
        Assert.Single(await second.SearchAsync(Query("ana", Axis(0))));

        await first.ForgetUserAsync("ana");

        Assert.Empty(await second.SearchAsync(Query("ana", Axis(0))));
    }

    [Fact]
    public async Task Forget_UnknownUser_RemovesNothing()
    {
        var store = await OpenStoreAsync();
        await store.RecordAsync([Make("ben", Axis(0))]);

        Assert.Equal(0, await store.ForgetUserAsync("ana"));
        Assert.Equal(1, (await store.GetStatsAsync()).Interventions);
    }
}
