using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rapport.Configuration;
using Rapport.Memory;
using Rapport.Redis.Tests.Fixtures;
using Rapport.Search;
using Rapport.Storage;
using StackExchange.Redis;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>What the Redis store does beyond the conformance suite: key schema, TTLs, caches across instances, registration.</summary>
public sealed class RedisMemoryStoreTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IAsyncDisposable
{
    private readonly TestStoreFactory _stores = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<IAsyncDisposable> _opened = [];

    [Fact]
    public async Task Keys_OfOneUser_ShareOneHashTag()
    {
        var store = Open();
        var now = _time.GetUtcNow();
        await store.RecordAsync([Make("a:b", Axis(0), now)]);
        await store.AddReflectionAsync(new SessionReflection { Id = "r1", UserId = "a:b", SessionId = "s1", CreatedAt = now, Summary = "ok", ExpiresAt = now.AddDays(1) });
        await store.SaveProfileAsync(new UserProfile { UserId = "a:b", UpdatedAt = now, ExpiresAt = now.AddDays(1) });

        var keys = await KeysAsync($"{_stores.Prefix}:*");

        var userKeys = keys.Where(k => !k.StartsWith($"{_stores.Prefix}:rid:", StringComparison.Ordinal) && k != $"{_stores.Prefix}:seq").ToList();
        Assert.Equal(8, userKeys.Count); // v, iv, ids, exp, chg, r, refl, p
        Assert.All(userKeys, k => Assert.StartsWith($"{_stores.Prefix}:{{a:b}}:", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_SetsRedisTtlFromStoreClock_OnRecordAndIndexes()
    {
        var store = Open();
        var record = Make("ana", Axis(0), _time.GetUtcNow());
        await store.RecordAsync([record]);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var db = redis.GetDatabase();
        var ttl = await db.KeyTimeToLiveAsync($"{_stores.Prefix}:{{ana}}:iv:{record.Id}");
        var indexTtl = await db.KeyTimeToLiveAsync($"{_stores.Prefix}:{{ana}}:ids");

        // 30 days by the (fake) store clock plus the default grace of one hour, whatever the machine's date.
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(30), TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
        Assert.InRange(indexTtl!.Value, TimeSpan.FromDays(30), TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task PurgeExpired_RemovesIndexEntriesAndMappings()
    {
        var store = Open();
        var t0 = _time.GetUtcNow();
        var old = Make("ana", Axis(0), t0);
        await store.RecordAsync([old]);
        _time.Advance(TimeSpan.FromDays(10));
        var recent = Make("ana", Axis(1), _time.GetUtcNow());
        await store.RecordAsync([recent]);
        _time.Advance(TimeSpan.FromDays(25));

        Assert.Equal(1, await store.PurgeExpiredAsync());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var db = redis.GetDatabase();
        Assert.False(await db.KeyExistsAsync($"{_stores.Prefix}:{{ana}}:iv:{old.Id}"));
        Assert.True(await db.KeyExistsAsync($"{_stores.Prefix}:{{ana}}:iv:{recent.Id}"));
        Assert.Equal(1, await db.SortedSetLengthAsync($"{_stores.Prefix}:{{ana}}:ids"));
        Assert.Equal(1, await db.SortedSetLengthAsync($"{_stores.Prefix}:{{ana}}:exp"));
        Assert.False(await db.KeyExistsAsync($"{_stores.Prefix}:rid:{old.Id}"));
        Assert.True(await db.KeyExistsAsync($"{_stores.Prefix}:rid:{recent.Id}"));
    }

    [Fact]
    public async Task TwoInstances_ForgetThenRecreate_NeverServeAStaleSnapshot()
    {
        var writer = Open();
        var reader = Open();
        var now = _time.GetUtcNow();
        var first = Make("ana", Axis(0), now);
        await writer.RecordAsync([first]);
        Assert.Equal([first.Id], (await reader.SearchAsync(Query("ana", Axis(0)))).Select(h => h.Intervention.Id));

        await writer.ForgetUserAsync("ana");
        Assert.Empty(await reader.SearchAsync(Query("ana", Axis(0))));
        var second = Make("ana", Axis(0), now);
        await writer.RecordAsync([second]);

        Assert.Equal([second.Id], (await reader.SearchAsync(Query("ana", Axis(0)))).Select(h => h.Intervention.Id));
        Assert.Null(await reader.GetAsync(first.Id));
    }

    [Fact]
    public async Task Record_IdOfAnotherUsersRecord_IsRejected()
    {
        var store = Open();
        var mine = Make("ana", Axis(0), _time.GetUtcNow());
        await store.RecordAsync([mine]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync([mine with { UserId = "ben" }]));
        // In a batch too (one claim script for every id on a standalone server).
        var bens = Make("ben", Axis(1), _time.GetUtcNow());
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync([bens, mine with { UserId = "ben" }]));

        Assert.Equal("ana", (await store.GetAsync(mine.Id))!.UserId);
        Assert.Empty(await store.ListAsync("ben"));
        Assert.Null(await store.GetAsync(bens.Id));
    }

    [Fact]
    public async Task Record_BatchWithAnExistingId_WritesNothing_AndTheRestCanBeRecordedAtOnce()
    {
        var store = Open();
        var now = _time.GetUtcNow();
        var first = Make("ana", Axis(0), now);
        await store.RecordAsync([first]);
        var fresh = Make("ana", Axis(1), now);

        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync([fresh, first with { Text = "again" }]));

        Assert.Null(await store.GetAsync(fresh.Id));
        Assert.Equal([first.Id], (await store.ListAsync("ana")).Select(i => i.Id));
        Assert.Equal("Let's take three slow breaths together.", (await store.GetAsync(first.Id))!.Text);
        // The refused batch left nothing in the way.
        await store.RecordAsync([fresh]);
        Assert.Equal(fresh.Id, (await store.GetAsync(fresh.Id))!.Id);
    }

    [Fact]
    public async Task Record_SameIdFromManyCallsAtOnce_ExactlyOneWins()
    {
        var store = Open();
        var other = Open();
        var now = _time.GetUtcNow();
        var calls = Enumerable.Range(0, 8)
            .Select(n => Task.Run(() => (n % 2 == 0 ? store : other).RecordAsync([Make("ana", Axis(n), now, id: "same") with { Text = $"call {n}" }])))
            .ToList();

        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                await c;
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, o => o);
        var stored = Assert.Single(await store.ListAsync("ana"));
        Assert.Equal(stored.Text, (await other.GetAsync("same"))!.Text);
        Assert.Equal(0, store.PendingWrites + other.PendingWrites);
    }

    // A restarted or failed-over server has an empty script cache: a write must still land whole (value and indexes).
    [Fact]
    public async Task Record_AfterTheScriptCacheIsEmptied_WritesValueAndIndexes()
    {
        var store = Open();
        var now = _time.GetUtcNow();
        await store.RecordAsync([Make("ana", Axis(0), now)]);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",allowAdmin=true"))
        {
            await redis.GetServers()[0].ScriptFlushAsync();
        }

        var later = Make("ana", Axis(1), now);
        await store.RecordAsync([later]);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",allowAdmin=true"))
        {
            await redis.GetServers()[0].ScriptFlushAsync();
        }

        // A batch also claims its ids with a script on a standalone server.
        await store.RecordAsync([Make("ana", Axis(2), now), Make("ana", Axis(3), now)]);

        Assert.Equal(later.Id, Assert.Single(await store.SearchAsync(Query("ana", Axis(1), top: 1))).Intervention.Id);
        Assert.Equal(4, (await store.ListAsync("ana")).Count);
        Assert.Equal(0, store.PendingWrites);
    }

    [Fact]
    public async Task LayoutOneData_IsReadSearchedUpdatedAndForgotten()
    {
        var store = Open();
        var now = _time.GetUtcNow();
        var old = Make("ana", Axis(2), now.AddMinutes(-5)) with
        {
            Quality = 0.75, Tool = "timer", Scores = new Dictionary<string, double> { ["warmth"] = 0.5 },
            Metadata = new Dictionary<string, string> { ["lang"] = "en" },
        };
        var oldWithoutSession = Make("ana", Axis(3), now.AddMinutes(-4)) with { SessionId = null, Rating = 2, Outcome = InterventionOutcome.NotHelped, OutcomeAt = now };
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration))
        {
            await LayoutOneWriter.WriteAsync(redis.GetDatabase(), _stores.Prefix, old, now);
            await LayoutOneWriter.WriteAsync(redis.GetDatabase(), _stores.Prefix, oldWithoutSession, now);
        }

        var hit = Assert.Single(await store.SearchAsync(Query("ana", Axis(2), top: 1)));
        Assert.Equal(old.Id, hit.Intervention.Id);
        var read = (await store.GetAsync(old.Id))!;
        Assert.Equal((old.Quality, old.Tool, old.SessionId, old.CreatedAt, old.ExpiresAt), (read.Quality, read.Tool, read.SessionId, read.CreatedAt, read.ExpiresAt));
        Assert.Equal(old.Scores, read.Scores);
        Assert.Equal(old.Metadata, read.Metadata);
        Assert.Equal(old.Embedding.ToArray(), read.Embedding.ToArray());
        var bare = (await store.GetAsync(oldWithoutSession.Id))!;
        Assert.Equal((null, (int?)2, InterventionOutcome.NotHelped, (DateTimeOffset?)now), (bare.SessionId, bare.Rating, bare.Outcome, bare.OutcomeAt));

        var fresh = Make("ana", Axis(4), now);
        await store.RecordAsync([fresh]);
        Assert.Equal(InterventionOutcome.Helped, (await store.SetOutcomeAsync(old.Id, InterventionOutcome.Helped, 5))!.Outcome);
        Assert.Equal([fresh.Id, oldWithoutSession.Id, old.Id], (await store.ListAsync("ana")).Select(i => i.Id));
        Assert.Equal(3, (await store.GetStatsAsync("ana")).Interventions);
        Assert.Equal(3, await store.ForgetUserAsync("ana"));
        Assert.Empty(await KeysAsync($"{_stores.Prefix}:{{ana}}:*"));
    }

    [Fact]
    public async Task CountEmbeddingModels_CountsLiveRecordsPerModel_FromTheSearchSnapshot()
    {
        var store = Open();
        var now = _time.GetUtcNow();
        await store.RecordAsync([Make("ana", Axis(0), now), Make("ana", Axis(1), now) with { EmbeddingModel = "other" }]);
        await store.RecordAsync([Make("ana", Axis(2), now.AddDays(-29))]);
        _time.Advance(TimeSpan.FromDays(2));

        var counts = await store.CountEmbeddingModelsAsync("ana");

        Assert.Equal(new Dictionary<string, long> { ["test-model"] = 1, ["other"] = 1 }, counts);
    }

    [Fact]
    public async Task AddRapport_RedisLocation_OpensRedisStore()
    {
        server.SkipIfUnavailable();
        var services = new ServiceCollection()
            .AddRapport(o =>
            {
                o.Home = _stores.Home;
                o.UseRedis(server.Configuration, r => r.KeyPrefix = _stores.Prefix);
            })
            .Services.BuildServiceProvider();
        await using var _ = services;

        var store = services.GetRequiredService<IMemoryStore>();

        // Traced by default: the Redis store sits behind the tracing decorator.
        var traced = Assert.IsType<Rapport.Telemetry.TracingMemoryStore>(store);
        Assert.IsType<RedisMemoryStore>(traced.GetInner<RedisMemoryStore>());
        Assert.StartsWith($"redis:{server.Configuration}", store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColdSearch_RanksLikeTheSnapshotGrownByWrites()
    {
        // 2,500 memories: a cold load analyzes a full slice of words in the background while it reads, and the rest at the end.
        // Written oldest first, the order a cold load reads them in (the ids index is by creation time): then both snapshots
        // hold the same entries in the same order, and every score is the same float. (Written in another order, the scores
        // may differ in their last bits: lexical and session sums are added up in entry order.)
        var store = Open();
        var now = _time.GetUtcNow();
        string[] words = ["exam", "sleeping", "boss's", "café", "deadline", "nights", "arguing", "日本語"];
        var random = new Random(3);
        var records = Enumerable.Range(0, 2_500).Select(i => Make("ana", [.. Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f)], now.AddSeconds(i - 2_500)) with
        {
            Situation = $"{words[i % words.Length]} and {words[(i * 3) % words.Length]} before {i % 50}",
            SessionId = $"s{i / 10}",
        }).ToList();
        var request = Query("ana", Axis(2), top: 20) with { Text = "sleeping before the exam 7", Mode = SearchMode.Hybrid };
        await store.RecordAsync(records[..20]);
        _ = await store.SearchAsync(request); // cached, with its lexical index, then grown by each write below
        foreach (var batch in records[20..].Chunk(500))
        {
            await store.RecordAsync(batch);
        }

        var grown = await store.SearchAsync(request);
        store.DropCachedVectors();
        var cold = await store.SearchAsync(request);

        Assert.Equal(20, grown.Count);
        Assert.Equal(grown.Select(h => (h.Intervention.Id, h.Score, h.Similarity)), cold.Select(h => (h.Intervention.Id, h.Score, h.Similarity)));
        Assert.Equal(
            (await store.SearchAsync(request with { Mode = SearchMode.Lexical })).Select(h => (h.Intervention.Id, h.Score)),
            (await Open().SearchAsync(request with { Mode = SearchMode.Lexical })).Select(h => (h.Intervention.Id, h.Score)));
    }

    [Theory]
    [InlineData("a{b}")]
    [InlineData("a*")]
    [InlineData("")]
    public void Open_PrefixWithPatternCharacters_IsRejected(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => RedisMemoryStore.Open(new RedisStoreOptions { KeyPrefix = prefix }, _stores.Home));

        Assert.Contains(MemoryIds.Accepted, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreLocation_RedisHostPort_KeepsHostAndPortAsTarget()
    {
        var location = StoreLocation.Parse("redis:localhost:6379");

        Assert.Equal(("redis", "localhost:6379"), (location.Scheme, location.Target));
    }

    private RedisMemoryStore Open()
    {
        server.SkipIfUnavailable();
        var store = _stores.Open(server.Configuration, _time);
        _opened.Add(store);
        return store;
    }

    private async Task<List<string>> KeysAsync(string pattern)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        return [.. redis.GetServers()[0].Keys(pattern: pattern).Select(k => (string)k!)];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        _stores.Dispose();
    }
}
