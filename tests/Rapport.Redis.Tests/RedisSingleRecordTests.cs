using Microsoft.Extensions.Time.Testing;
using Rapport.Redis.Tests.Fixtures;
using StackExchange.Redis;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>One intervention per call on a standalone server takes one script call (<c>recordone.lua</c>); these are the
/// cases where it must write nothing and leave the decision to the batch path.</summary>
public sealed class RedisSingleRecordTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IAsyncDisposable
{
    private readonly TestStoreFactory _stores = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<IAsyncDisposable> _opened = [];

    [Fact]
    public async Task FirstRecordOfANewUser_IsWrittenIndexedAndSeenByAnotherInstance()
    {
        var writer = Open();
        var reader = Open();
        var record = Make("ana", Axis(0), _time.GetUtcNow());

        await writer.RecordAsync([record]);

        var hits = await reader.SearchAsync(Query("ana", Axis(0)));
        Assert.Equal(record.Id, Assert.Single(hits).Intervention.Id);
        var db = await DatabaseAsync();
        Assert.Equal("ana", (string?)await db.StringGetAsync($"{_stores.Prefix}:rid:{record.Id}"));
        Assert.NotNull(await db.KeyTimeToLiveAsync($"{_stores.Prefix}:rid:{record.Id}"));
        Assert.NotNull(await db.SortedSetScoreAsync($"{_stores.Prefix}:{{ana}}:chg", record.Id));
    }

    [Fact]
    public async Task SameIdAgainForTheSameUser_IsRefusedAndChangesNothing()
    {
        var store = Open();
        var record = Make("ana", Axis(0), _time.GetUtcNow());
        await store.RecordAsync([record]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RecordAsync([record with { Situation = "changed" }]));

        Assert.Equal(record.Situation, (await store.GetAsync(record.Id))!.Situation);
        Assert.Equal(1, (await store.GetStatsAsync("ana")).Interventions);
    }

    [Fact]
    public async Task IdOfAnotherUsersLiveRecord_IsRefusedAndWritesNothingForTheNewUser()
    {
        var store = Open();
        var record = Make("ana", Axis(0), _time.GetUtcNow());
        await store.RecordAsync([record]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RecordAsync([record with { UserId = "ben" }]));

        Assert.Equal("ana", (await store.GetAsync(record.Id))!.UserId);
        Assert.Empty(await store.SearchAsync(Query("ben", Axis(0))));
        Assert.Equal("ana", (string?)await (await DatabaseAsync()).StringGetAsync($"{_stores.Prefix}:rid:{record.Id}"));
    }

    [Fact]
    public async Task IdOfAForgottenUsersRecord_IsTakenOver()
    {
        var store = Open();
        var record = Make("ana", Axis(0), _time.GetUtcNow());
        await store.RecordAsync([record]);
        await store.ForgetUserAsync("ana");

        await store.RecordAsync([record with { UserId = "ben" }]);

        Assert.Equal("ben", (await store.GetAsync(record.Id))!.UserId);
        Assert.Equal("ben", (string?)await (await DatabaseAsync()).StringGetAsync($"{_stores.Prefix}:rid:{record.Id}"));
    }

    private RedisMemoryStore Open()
    {
        server.SkipIfUnavailable();
        var store = _stores.Open(server.Configuration, _time);
        _opened.Add(store);
        return store;
    }

    private async Task<IDatabase> DatabaseAsync()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        _opened.Add(redis);
        return redis.GetDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened)
        {
            await opened.DisposeAsync();
        }

        _stores.Dispose();
    }
}
