using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

/// <summary>Incremental refresh: a snapshot cached by one instance follows what another instance changes, reading only the
/// changes (the cache's statistics say so), and finds what a fresh instance finds.</summary>
public abstract partial class MemoryStoreConformanceTests
{
    [Fact]
    public async Task WritesByAnotherInstance_RefreshTheCachedSnapshot_WithoutAFullLoad()
    {
        var reader = await OpenStoreAsync();
        var writer = await OpenStoreAsync();
        await writer.RecordAsync([.. Enumerable.Range(0, 6).Select(i => Make("ana", Axis(i, 0.1f), situation: $"exam nerves {i}"))]);
        Assert.Equal(6, (await reader.SearchAsync(Query("ana", Axis(0), top: 50))).Count);
        var before = Statistics(reader);

        for (var batch = 0; batch < 3; batch++)
        {
            await writer.RecordAsync([Make("ana", Axis(batch + 2, 0.3f), situation: $"cannot sleep {batch}"), Make("ana", Axis(batch))]);
            Assert.Equal(8 + (2 * batch), (await reader.SearchAsync(Query("ana", Axis(0), top: 50))).Count);
        }

        var after = Statistics(reader);
        Assert.Equal(before.Misses, after.Misses);
        Assert.Equal(before.Refreshes + 3, after.Refreshes);
        await AssertSameAsFreshAsync(reader, "ana", "sleep exam");
    }

    [Fact]
    public async Task OutcomeSetByAnotherInstance_IsSeenByTheCachedSnapshot()
    {
        var reader = await OpenStoreAsync();
        var writer = await OpenStoreAsync();
        var records = Enumerable.Range(0, 4).Select(i => Make("ana", Axis(i))).ToList();
        await writer.RecordAsync(records);
        Assert.Empty(await reader.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped }));

        await writer.SetOutcomeAsync(records[2].Id, InterventionOutcome.Helped, 4);
        var helped = await reader.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped });

        Assert.Equal([records[2].Id], helped.Select(h => h.Intervention.Id));
        Assert.Equal(InterventionOutcome.Helped, helped[0].Intervention.Outcome);
        await writer.SetOutcomeAsync(records[2].Id, InterventionOutcome.NotHelped, null);
        Assert.Empty(await reader.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped }));
        Assert.Equal(1, Statistics(reader).Misses);
    }

    [Fact]
    public async Task ExpiryAndPurgeByAnotherInstance_LeaveNothingExpiredInTheCachedSnapshotsResults()
    {
        var reader = await OpenStoreAsync();
        var writer = await OpenStoreAsync();
        var shortLived = Make("ana", Axis(0)) with { ExpiresAt = Time.GetUtcNow().AddHours(1) };
        var lasting = Make("ana", Axis(0, 0.5f));
        await writer.RecordAsync([shortLived, lasting]);
        Assert.Equal(2, (await reader.SearchAsync(Query("ana", Axis(0)))).Count);

        Time.Advance(TimeSpan.FromHours(2));
        await writer.PurgeExpiredAsync();
        var later = Make("ana", Axis(1));
        await writer.RecordAsync([later]);
        var hits = await reader.SearchAsync(Query("ana", Axis(0)));

        Assert.Equal(new[] { lasting.Id, later.Id }.Order(), hits.Select(h => h.Intervention.Id).Order());
        await AssertSameAsFreshAsync(reader, "ana", "tense talk");
    }

    [Fact]
    public async Task ForgetByAnotherInstance_DropsTheCachedSnapshot_AndANewStartShowsNothingOld()
    {
        var reader = await OpenStoreAsync();
        var writer = await OpenStoreAsync();
        var old = Enumerable.Range(0, 3).Select(i => Make("ana", Axis(i))).ToList();
        await writer.RecordAsync(old);
        await writer.RecordAsync([Make("ben", Axis(0))]);
        Assert.Equal(3, (await reader.SearchAsync(Query("ana", Axis(0)))).Count);
        Assert.Single(await reader.SearchAsync(Query("ben", Axis(0))));

        await writer.ForgetUserAsync("ana");
        Assert.Empty(await reader.SearchAsync(Query("ana", Axis(0))));
        var fresh = Make("ana", Axis(5));
        await writer.RecordAsync([fresh]);
        var hits = await reader.SearchAsync(Query("ana", Axis(0), top: 50));

        Assert.Equal([fresh.Id], hits.Select(h => h.Intervention.Id));
        Assert.Single(await reader.SearchAsync(Query("ben", Axis(0))));
    }

    [Fact]
    public async Task OwnWrites_AreCarriedIntoTheCachedSnapshot_WithoutAnyLoad()
    {
        var store = await OpenStoreAsync();
        await store.RecordAsync([Make("ana", Axis(0))]);
        Assert.Single(await store.SearchAsync(Query("ana", Axis(0))));
        var before = Statistics(store);

        for (var i = 0; i < 5; i++)
        {
            await store.RecordAsync([Make("ana", Axis(i + 1))]);
            Assert.Equal(i + 2, (await store.SearchAsync(Query("ana", Axis(0), top: 50))).Count);
        }

        var after = Statistics(store);
        Assert.Equal(before.Misses, after.Misses);
        Assert.Equal(before.Refreshes, after.Refreshes);
        Assert.Equal(before.Hits + 5, after.Hits);
    }

    private static UserVectorCacheStatistics Statistics(IMemoryStore store) =>
        store.GetService(typeof(UserVectorCache)) is UserVectorCache cache
            ? cache.Statistics
            : throw new InvalidOperationException($"{store.Description} does not expose its snapshot cache.");

    // What the refreshed instance finds, in every mode, is what an instance that loads the user afresh finds.
    private async Task AssertSameAsFreshAsync(IMemoryStore refreshed, string userId, string text)
    {
        var fresh = await OpenStoreAsync();
        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Lexical, SearchMode.Hybrid })
        {
            var request = Query(userId, Axis(1, 0.4f), top: 50) with { Text = text, Mode = mode };
            var expected = (await fresh.SearchAsync(request)).Select(h => (h.Intervention.Id, h.Intervention.Outcome)).ToList();
            var actual = (await refreshed.SearchAsync(request)).Select(h => (h.Intervention.Id, h.Intervention.Outcome)).ToList();
            Assert.Equal(expected, actual);
        }
    }
}
