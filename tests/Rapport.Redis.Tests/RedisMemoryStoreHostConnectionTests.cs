using Rapport.Redis.Tests.Fixtures;
using StackExchange.Redis;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary><see cref="RedisMemoryStore.Open(IConnectionMultiplexer, RedisStoreOptions, string, TimeProvider?, Microsoft.Extensions.Logging.ILoggerFactory?)"/>: a store on the host's connection.</summary>
public sealed class RedisMemoryStoreHostConnectionTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly TestStoreFactory _stores = new();

    [Fact]
    public async Task Open_OnHostConnection_RecordsAndSearches_AndDisposeLeavesTheConnectionUsable()
    {
        server.SkipIfUnavailable();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var now = DateTimeOffset.UtcNow;
        var record = Make("ana", Axis(3), now);

        var store = _stores.Open(connection);
        await store.RecordAsync([record, Make("ana", Axis(5), now)]);
        var hits = await store.SearchAsync(Query("ana", Axis(3), top: 1));
        await store.DisposeAsync();

        Assert.Equal(record.Id, Assert.Single(hits).Intervention.Id);
        Assert.Equal(0, store.PendingWrites);
        Assert.True(connection.IsConnected);
        var db = connection.GetDatabase();
        Assert.True(await db.PingAsync() < TimeSpan.FromSeconds(10));
        Assert.True(await db.KeyExistsAsync($"{_stores.Prefix}:{{ana}}:iv:{record.Id}"));
        await db.StringSetAsync($"{_stores.Prefix}:host", "still mine");
        Assert.Equal("still mine", (string?)await db.StringGetAsync($"{_stores.Prefix}:host"));
    }

    [Fact]
    public async Task Open_OnHostConnectionAfterAnEarlierStoreWasDisposed_ReadsWhatThatStoreWrote()
    {
        server.SkipIfUnavailable();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var record = Make("ben", Axis(1), DateTimeOffset.UtcNow);
        await using (var first = _stores.Open(connection))
        {
            await first.RecordAsync([record]);
        }

        await using var second = _stores.Open(connection);

        Assert.Equal(record.Text, (await second.GetAsync(record.Id))!.Text);
        Assert.StartsWith($"redis:{server.Configuration}", second.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NullConnection_IsRejectedNamingTheParameter()
    {
        var error = Assert.Throws<ArgumentNullException>(() => RedisMemoryStore.Open(null!, new RedisStoreOptions(), _stores.Home));

        Assert.Equal("connection", error.ParamName);
    }

    public void Dispose() => _stores.Dispose();
}
