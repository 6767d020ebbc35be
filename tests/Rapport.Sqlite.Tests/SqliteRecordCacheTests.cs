using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Sqlite.Tests;

/// <summary>The store serves hits and lists from the records it wrote or read (RecordCache): never a stale or shared copy.</summary>
public sealed class SqliteRecordCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-records-").FullName;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task AnotherProcessSetsTheOutcome_SearchAndListOfThisOneSeeIt()
    {
        var path = Path.Combine(_folder, "rapport.db");
        await using var mine = SqliteMemoryStore.Open(path);
        await using var other = SqliteMemoryStore.Open(path);
        await mine.RecordAsync([Record("a"), Record("b")]);
        // Both read once by this store, so both are cached here.
        Assert.Equal(2, (await mine.ListAsync("ana", 10)).Count);
        Assert.Equal(2, (await mine.SearchAsync(Search())).Count);

        await other.SetOutcomeAsync(Id("a"), InterventionOutcome.Helped, 5);

        Assert.Equal(InterventionOutcome.Helped, (await mine.ListAsync("ana", 10)).Single(r => r.Id == Id("a")).Outcome);
        var hit = (await mine.SearchAsync(Search())).Single(h => h.Intervention.Id == Id("a"));
        Assert.Equal(InterventionOutcome.Helped, hit.Intervention.Outcome);
        Assert.Equal(5, hit.Intervention.Rating);
    }

    [Fact]
    public async Task ThisProcessWrites_ListIsNewestFirstWithTheOutcome_AsTheFileSays()
    {
        var path = Path.Combine(_folder, "rapport.db");
        await using var store = SqliteMemoryStore.Open(path);
        await store.RecordAsync([Record("a", minutes: 0), Record("b", minutes: 2), Record("c", minutes: 1)]);
        await store.SetOutcomeAsync(Id("c"), InterventionOutcome.NotHelped, null);

        var cached = await store.ListAsync("ana", 2);
        await using var fresh = SqliteMemoryStore.Open(path);
        var read = await fresh.ListAsync("ana", 2);

        Assert.Equal([Id("b"), Id("c")], cached.Select(r => r.Id));
        Assert.Equal(read.Select(r => (r.Id, r.Outcome, r.CreatedAt, r.Scores["quality"])), cached.Select(r => (r.Id, r.Outcome, r.CreatedAt, r.Scores["quality"])));
        Assert.Equal(InterventionOutcome.NotHelped, cached[1].Outcome);
    }

    [Fact]
    public async Task CallerChangesItsScores_TheStoreStillReturnsWhatWasWritten()
    {
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        var scores = new Dictionary<string, double> { ["quality"] = 0.5 };
        await store.RecordAsync([Record("a") with { Scores = scores }]);

        scores["quality"] = 0.1;
        var first = (await store.ListAsync("ana", 1))[0];

        Assert.Equal(0.5, first.Scores["quality"]);
        Assert.False(first.Scores is IDictionary<string, double> { IsReadOnly: false }, "a cached record's scores must not be writable by a caller");
    }

    [Fact]
    public async Task ForgottenUser_NothingIsServedFromMemory()
    {
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        await store.RecordAsync([Record("a")]);
        Assert.Single(await store.ListAsync("ana", 5));

        await store.ForgetUserAsync("ana");

        Assert.Empty(await store.ListAsync("ana", 5));
        Assert.Empty(await store.SearchAsync(Search()));
    }

    [Fact]
    public void OverItsBound_TheLeastRecentlyUsedUserGoes_AndAStaleVersionIsNeverServed()
    {
        var cache = new Rapport.Sqlite.Internal.RecordCache(maxBytes: 3 * 1024);
        cache.Add("ana", 5, [Record("a") with { UserId = "ana" }]);
        cache.Add("ben", 6, [Record("b") with { UserId = "ben" }]);
        Assert.True(cache.TryGet("ana", 5, Id("a"), out _));

        for (var i = 0; i < 4; i++)
        {
            cache.Add("cy", 7, [Record("c" + i) with { UserId = "cy", Embedding = new float[100] }]);
        }

        Assert.False(cache.TryGet("ben", 6, Id("b"), out _));
        Assert.True(cache.TryGet("cy", 7, Id("c3"), out _));
        Assert.False(cache.TryGet("cy", 8, Id("c3"), out _));
        cache.Advance("cy", 9, 10);
        Assert.False(cache.TryGet("cy", 7, Id("c3"), out _));
    }

    [Fact]
    public void CachesSharingAPool_StayUnderItsBoundTogether_AndDisposingOneReturnsItsBytes()
    {
        var pool = new Rapport.Sqlite.Internal.RecordCachePool(8 * 1024);
        var caches = Enumerable.Range(0, 4).Select(_ => new Rapport.Sqlite.Internal.RecordCache(pool)).ToList();
        for (var round = 0; round < 10; round++)
        {
            for (var c = 0; c < caches.Count; c++)
            {
                var user = $"t{c}-u{round}";
                caches[c].Add(user, 1, [Record($"{c}{round}") with { UserId = user, Embedding = new float[200] }]);
                // Each record is about 1.1 KB: alone, each cache would keep all ten users (11 KB) under its own 8 KB.
                Assert.InRange(pool.Bytes, 0, pool.MaxBytes + 2 * 1024);
            }
        }

        Assert.True(caches[3].TryGet("t3-u9", 1, Id("39"), out _), "the user just served stays");
        var held = pool.Bytes;
        caches[0].Clear();
        Assert.True(pool.Bytes < held);
        caches.ForEach(c => c.Clear());
        Assert.Equal(0, pool.Bytes);
    }

    [Fact]
    public async Task StoresSharingAVectorBudget_ShareOneRecordPool_StoresOfTheirOwnDoNot()
    {
        var budget = new Rapport.Search.VectorCacheBudget();
        var options = new Rapport.Search.VectorCacheOptions { Budget = budget };
        await using var first = SqliteMemoryStore.Open(Path.Combine(_folder, "a.db"), null, SqliteDurability.Full, options);
        await using var second = SqliteMemoryStore.Open(Path.Combine(_folder, "b.db"), null, SqliteDurability.Full, options);
        await using var alone = SqliteMemoryStore.Open(Path.Combine(_folder, "c.db"));
        var pool = Rapport.Sqlite.Internal.RecordCachePool.For(budget);

        await first.RecordAsync([Record("a")]);
        var afterFirst = pool.Bytes;
        await second.RecordAsync([Record("b")]);
        var afterSecond = pool.Bytes;
        await alone.RecordAsync([Record("c")]);

        Assert.True(afterFirst > 0, "the first store's write is counted in the shared pool");
        Assert.True(afterSecond > afterFirst, "the second store's write is counted in the same pool");
        Assert.Equal(afterSecond, pool.Bytes);
        await first.DisposeAsync();
        Assert.Equal(afterSecond - afterFirst, pool.Bytes);
    }

    [Fact]
    public void Purge_DropsTheExpiredRecords_TheOthersStay()
    {
        var cache = new Rapport.Sqlite.Internal.RecordCache();
        cache.Add("ana", 5, [Record("a") with { ExpiresAt = _now.AddMinutes(-1) }, Record("b")]);

        cache.DropExpired(_now);

        Assert.False(cache.TryGet("ana", 5, Id("a"), out _));
        Assert.True(cache.TryGet("ana", 5, Id("b"), out _));
        Assert.Equal(1, cache.Count);
    }

    private Intervention Record(string id, int minutes = 0) => new()
    {
        Id = Id(id), UserId = "ana", SessionId = "s1", CreatedAt = _now.AddMinutes(minutes), Situation = "deadline stress " + id, Kind = "breathing",
        Text = "Let's breathe.", Embedding = new float[] { 1f, 0.5f }, EmbeddingModel = "m", ExpiresAt = _now.AddDays(1),
        Scores = new Dictionary<string, double> { ["quality"] = 0.9 },
    };

    private static string Id(string suffix) => "cache000000000000000000000000" + suffix;

    private static MemorySearchRequest Search() => new() { UserId = "ana", Embedding = new float[] { 1f, 0.5f }, EmbeddingModel = "m", Top = 10 };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
