using Rapport.Search;

namespace Rapport.Tests.Search;

public sealed class UserVectorCacheTests
{
    private readonly Dictionary<string, int> _loads = [];

    [Fact]
    public async Task GetAsync_SameVersion_LoadsOnce()
    {
        var cache = new UserVectorCache();

        var first = await cache.GetAsync("ana", 3, Loader("ana"));
        var second = await cache.GetAsync("ana", 3, Loader("ana"));

        Assert.Same(first, second);
        Assert.Equal(1, _loads["ana"]);
    }

    [Fact]
    public async Task GetAsync_OtherVersion_Reloads()
    {
        var cache = new UserVectorCache();

        var first = await cache.GetAsync("ana", 3, Loader("ana"));
        var second = await cache.GetAsync("ana", 4, Loader("ana"));
        var backToOld = await cache.GetAsync("ana", 3, Loader("ana"));

        Assert.NotSame(first, second);
        Assert.NotSame(second, backToOld);
        Assert.Equal(3, _loads["ana"]);
    }

    [Fact]
    public async Task GetAsync_Users_AreCachedSeparately()
    {
        var cache = new UserVectorCache();

        var ana = await cache.GetAsync("ana", 1, Loader("ana"));
        var ben = await cache.GetAsync("ben", 1, Loader("ben"));

        Assert.NotSame(ana, ben);
        Assert.Same(ana, await cache.GetAsync("ana", 1, Loader("ana")));
        Assert.Equal(1, _loads["ana"]);
        Assert.Equal(1, _loads["ben"]);
    }

    [Fact]
    public async Task Invalidate_DropsOnlyThatUser()
    {
        var cache = new UserVectorCache();
        await cache.GetAsync("ana", 1, Loader("ana"));
        await cache.GetAsync("ben", 1, Loader("ben"));

        cache.Invalidate("ana");
        await cache.GetAsync("ana", 1, Loader("ana"));
        await cache.GetAsync("ben", 1, Loader("ben"));

        Assert.Equal(2, _loads["ana"]);
        Assert.Equal(1, _loads["ben"]);
    }

    [Fact]
    public async Task Clear_DropsEveryUser()
    {
        var cache = new UserVectorCache();
        await cache.GetAsync("ana", 1, Loader("ana"));

        cache.Clear();
        await cache.GetAsync("ana", 1, Loader("ana"));

        Assert.Equal(2, _loads["ana"]);
    }

    [Fact]
    public async Task GetAsync_PastCapacity_DropsLeastRecentlyUsed()
    {
        var cache = new UserVectorCache(capacity: 4);
        foreach (var user in new[] { "u1", "u2", "u3", "u4" })
        {
            await cache.GetAsync(user, 1, Loader(user));
        }

        await cache.GetAsync("u1", 1, Loader("u1")); // u1 is now the most recently used
        await cache.GetAsync("u5", 1, Loader("u5")); // five users: the least recently used half (u2, u3) goes

        foreach (var user in new[] { "u1", "u4", "u5", "u2", "u3" })
        {
            await cache.GetAsync(user, 1, Loader(user));
        }

        Assert.Equal(1, _loads["u1"]);
        Assert.Equal(1, _loads["u4"]);
        Assert.Equal(1, _loads["u5"]);
        Assert.Equal(2, _loads["u2"]);
        Assert.Equal(2, _loads["u3"]);
    }

    [Fact]
    public async Task GetAsync_LoadFails_NothingIsCachedAndTheNextCallLoads()
    {
        var cache = new UserVectorCache();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => cache.GetAsync("ana", 1, _ => throw new InvalidOperationException("store down")).AsTask());
        var set = await cache.GetAsync("ana", 1, Loader("ana"));

        Assert.Equal(1, set.Count);
        Assert.Equal(1, _loads["ana"]);
    }

    [Fact]
    public async Task GetAsync_PassesCancellationTokenToLoader()
    {
        var cache = new UserVectorCache();
        using var source = new CancellationTokenSource();
        CancellationToken seen = default;

        await cache.GetAsync(
            "ana",
            1,
            token =>
            {
                seen = token;
                return Task.FromResult(UserVectorSet.Empty);
            },
            source.Token);

        Assert.Equal(source.Token, seen);
    }

    [Fact]
    public async Task Advance_FromCachedVersion_CarriesTheSnapshotWithoutALoad()
    {
        var cache = new UserVectorCache();
        var first = await cache.GetAsync("ana", 3, Loader("ana"));
        var grown = first.WithOutcome("ana-1", Rapport.Memory.InterventionOutcome.Helped);

        cache.Advance("ana", previous: 3, current: 5, _ => grown);
        var after = await cache.GetAsync("ana", 5, Loader("ana"));

        Assert.Same(grown, after);
        Assert.Equal(1, _loads["ana"]);
    }

    [Fact]
    public async Task Advance_FromAnotherVersion_LeavesTheNextSearchToReload()
    {
        var cache = new UserVectorCache();
        await cache.GetAsync("ana", 3, Loader("ana"));
        var applied = false;

        // The process missed version 4 (another process wrote it): carrying 3 to 5 would lose that write.
        cache.Advance("ana", previous: 4, current: 5, set => { applied = true; return set; });
        await cache.GetAsync("ana", 5, Loader("ana"));

        Assert.False(applied);
        Assert.Equal(2, _loads["ana"]);
    }

    [Fact]
    public async Task Advance_WithoutChange_KeepsTheSameSnapshot()
    {
        var cache = new UserVectorCache();
        var first = await cache.GetAsync("ana", 3, Loader("ana"));

        cache.Advance("ana", previous: 3, current: 4);

        Assert.Same(first, await cache.GetAsync("ana", 4, Loader("ana")));
        Assert.Equal(1, _loads["ana"]);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UserVectorCache(0));
    }

    private Func<CancellationToken, Task<UserVectorSet>> Loader(string userId) => _ =>
    {
        _loads[userId] = _loads.GetValueOrDefault(userId) + 1;
        var entry = new VectorEntry(
            $"{userId}-{_loads[userId]}", "breathing", default, null, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, "m", new float[] { 1f });
        return Task.FromResult(new UserVectorSet([entry]));
    };
}
