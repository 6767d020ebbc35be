using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

public abstract partial class MemoryStoreConformanceTests
{
    [Fact]
    public async Task Decay_ExpiredRecords_AreInvisibleAtOnceThenPurged()
    {
        var store = await OpenStoreAsync();
        var now = Time.GetUtcNow();
        var old = Make("ana", Axis(0), outcome: InterventionOutcome.Helped);
        await store.RecordAsync([old]);
        await store.AddReflectionAsync(Reflection("ana", "s1", now, "old session"));
        await store.SaveProfileAsync(new UserProfile { UserId = "ana", Facts = ["old fact"], UpdatedAt = now, ExpiresAt = now.AddDays(30) });
        Time.Advance(TimeSpan.FromDays(20));
        var recent = Make("ana", Axis(0));
        await store.RecordAsync([recent]);

        Time.Advance(TimeSpan.FromDays(9));
        Assert.Equal(2, (await store.SearchAsync(Query("ana", Axis(0)))).Count);

        Time.Advance(TimeSpan.FromDays(1));

        Assert.Null(await store.GetAsync(old.Id));
        Assert.Null(await store.SetOutcomeAsync(old.Id, InterventionOutcome.NotHelped, null));
        Assert.Equal([recent.Id], (await store.SearchAsync(Query("ana", Axis(0)))).Select(h => h.Intervention.Id));
        Assert.Equal([recent.Id], (await store.ListAsync("ana")).Select(i => i.Id));
        Assert.Empty(await store.ListReflectionsAsync("ana"));
        var profile = await store.GetProfileAsync("ana");
        Assert.Empty(profile.Facts);
        Assert.Equal(new KindOutcomeCounts(1, 0, 0), profile.KindOutcomes["breathing"]);
        var stats = await store.GetStatsAsync("ana");
        Assert.Equal((1L, 0L, 0L, 0L), (stats.Interventions, stats.Helped, stats.Reflections, stats.Profiles));

        var purged = await store.PurgeExpiredAsync();

        Assert.Equal(3, purged);
        Assert.Equal(0, await store.PurgeExpiredAsync());
        Assert.NotNull(await store.GetAsync(recent.Id));
    }

    [Fact]
    public async Task Decay_RetentionIsPerRecord()
    {
        var store = await OpenStoreAsync();
        var now = Time.GetUtcNow();
        var shortLived = Make("ana", Axis(0)) with { ExpiresAt = now.AddDays(1) };
        var longLived = Make("ana", Axis(0)) with { ExpiresAt = now.AddDays(90) };
        await store.RecordAsync([shortLived, longLived]);

        Time.Advance(TimeSpan.FromDays(45));

        Assert.Equal([longLived.Id], (await store.SearchAsync(Query("ana", Axis(0)))).Select(h => h.Intervention.Id));
    }
}
