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

    private static UserVectorSet Set(int count)
    {
        var random = new Random(count);
        return new UserVectorSet([.. Enumerable.Range(0, count).Select(i => new VectorEntry(
            $"id{i}", "breathing", InterventionOutcome.Unknown, null, Now, Now.AddDays(1), "m",
            Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble()).ToArray()))]);
    }
}
