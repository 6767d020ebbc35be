using Microsoft.Extensions.Time.Testing;
using Rapport.Memory;
using Rapport.Redis.Tests.Fixtures;
using StackExchange.Redis;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>Cluster-specific behaviour: one user per slot, store-wide operations across every primary.</summary>
public sealed class RedisClusterMemoryStoreTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>, IAsyncDisposable
{
    private readonly TestStoreFactory _stores = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private RedisMemoryStore? _store;

    [Fact]
    public async Task Keys_OfOneUser_SitInOneSlot()
    {
        var store = Open();
        var now = _time.GetUtcNow();
        await store.RecordAsync([Make("ana@x", Axis(0), now), Make("ana@x", Axis(1), now)]);
        await store.SaveProfileAsync(new UserProfile { UserId = "ana@x", UpdatedAt = now, ExpiresAt = now.AddDays(1) });

        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Configuration);
        var keys = new List<string>();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            keys.AddRange(server.Keys(pattern: $"{_stores.Prefix}:{{*").Select(k => (string)k!));
        }

        var slots = keys.Select(k => redis.GetHashSlot(k)).Distinct().ToList();
        Assert.Equal(7, keys.Count); // v, two iv, ids, exp, chg, p
        Assert.Single(slots);
    }

    [Fact]
    public async Task StatsAndPurge_UsersOnEveryPrimary_AreAllCounted()
    {
        var store = Open();
        var now = _time.GetUtcNow();
        var users = Enumerable.Range(0, 30).Select(i => $"user-{i}").ToList();
        foreach (var user in users)
        {
            await store.RecordAsync([Make(user, Axis(0), now)]);
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Configuration);
        var primariesHoldingUsers = users.Select(u => redis.GetServer((RedisKey)$"{_stores.Prefix}:{{{u}}}:v").EndPoint.ToString()).Distinct().Count();
        var stats = await store.GetStatsAsync();
        _time.Advance(TimeSpan.FromDays(31));

        Assert.Equal(3, primariesHoldingUsers);
        Assert.Equal((30L, 30L), (stats.Users, stats.Interventions));
        Assert.Equal(30, await store.PurgeExpiredAsync());
        Assert.Equal(0, (await store.GetStatsAsync()).Users);
    }

    private RedisMemoryStore Open()
    {
        cluster.SkipIfUnavailable();
        return _store = _stores.Open(cluster.Configuration, _time);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _stores.Dispose();
    }
}
