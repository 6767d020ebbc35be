using Rapport.Memory;
using Rapport.Search;

namespace Rapport.Tests.Search;

public sealed class UserVectorCacheBoundTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Put_PastTheByteBound_EvictsLeastRecentlyUsed_AndCountsEvictedBytes()
    {
        var set = Set(1_000);
        var cache = new UserVectorCache(capacity: 1_000, maxBytes: set.EstimatedBytes * 5);

        for (var user = 0; user < 10; user++)
        {
            cache.Put($"u{user}", Set(1_000), version: 1, cursor: 1, refreshed: false);
            Assert.NotNull(cache.Find("u0", 1)); // u0 stays the most recently used
        }

        var statistics = cache.Statistics;
        Assert.True(cache.Bytes <= cache.MaxBytes, $"{cache.Bytes} > {cache.MaxBytes}");
        Assert.True(statistics.EvictedBytes >= 5 * set.EstimatedBytes - cache.MaxBytes);
        Assert.NotNull(cache.Find("u0", 1));
        Assert.Null(cache.Find("u1", 1));
        Assert.Equal(10, statistics.Misses);
    }

    [Fact]
    public void Put_AnOlderVersion_DoesNotReplaceANewerSnapshot()
    {
        var cache = new UserVectorCache();
        var newer = Set(2);
        cache.Put("ana", newer, version: 9, cursor: 9, refreshed: false);

        cache.Put("ana", Set(1), version: 4, cursor: 4, refreshed: false);

        Assert.Same(newer, cache.Find("ana", 9));
    }

    [Fact]
    public void Caches_on_one_budget_stay_under_it_together_and_evict_the_least_recently_used_of_either()
    {
        var bytes = Set(1_000).EstimatedBytes;
        var budget = new VectorCacheBudget(bytes * 5);
        var tenantA = new UserVectorCache(budget);
        var tenantB = new UserVectorCache(budget);

        tenantA.Put("old", Set(1_000), version: 1, cursor: 1, refreshed: false);
        tenantA.Put("kept", Set(1_000), version: 1, cursor: 1, refreshed: false);
        for (var user = 0; user < 4; user++)
        {
            tenantB.Put($"u{user}", Set(1_000), version: 1, cursor: 1, refreshed: false);
            Assert.NotNull(tenantA.Find("kept", 1)); // used after each put, so never the least recently used
        }

        // Six snapshots in a bound of five: each cache alone is under it, together they are not.
        Assert.True(budget.Bytes <= budget.MaxBytes, $"{budget.Bytes} > {budget.MaxBytes}");
        Assert.Equal(budget.Bytes, tenantA.Bytes + tenantB.Bytes);
        Assert.Null(tenantA.Find("old", 1));
        Assert.NotNull(tenantA.Find("kept", 1));
        Assert.Equal(bytes, tenantA.Statistics.EvictedBytes);
        Assert.Equal(2, budget.Caches);
    }

    [Fact]
    public void Caches_on_one_budget_never_share_an_entry_for_the_same_user_id()
    {
        var budget = new VectorCacheBudget();
        var tenantA = new UserVectorCache(budget);
        var tenantB = new UserVectorCache(budget);
        var mine = Set(3);
        tenantA.Put("ana", mine, version: 1, cursor: 1, refreshed: false);

        Assert.Null(tenantB.Find("ana", 1));
        Assert.False(tenantB.TryGetStale("ana", out _));
        tenantB.Put("ana", Set(4), version: 1, cursor: 1, refreshed: false);
        Assert.Same(mine, tenantA.Find("ana", 1));

        tenantA.Invalidate("ana");
        Assert.NotNull(tenantB.Find("ana", 1));
        Assert.Equal(tenantB.Bytes, budget.Bytes);
    }

    private static UserVectorSet Set(int count)
    {
        var random = new Random(count);
        return new UserVectorSet([.. Enumerable.Range(0, count).Select(i => new VectorEntry(
            $"id{i}", "breathing", InterventionOutcome.Unknown, null, Now, Now.AddDays(1), "m",
            Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble()).ToArray()))]);
    }
}
