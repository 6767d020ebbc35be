using Microsoft.Extensions.Time.Testing;
using Rapport.Memory;
using Rapport.Storage.Conformance;

namespace Rapport.Sqlite.Tests;

/// <summary>Expired memories leave the file: purged on open and by <see cref="SqliteMemoryStore.PurgeExpiredAsync"/>, WAL included.</summary>
public sealed class ExpiryPurgeTests : IDisposable
{
    private const string User = "expiring-user-5d1c";
    private const string Secret = "quokka-expiring-secret-77";
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-expiry-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Open_AfterExpiry_PurgesTheRows_NoByteLeftInAnyFile()
    {
        var path = Path.Combine(_folder, "rapport.db");
        var ids = new List<string>();
        await using (var store = SqliteMemoryStore.Open(path, _time))
        {
            ids.AddRange(await Write(store));
            await store.RecordAsync([Record("other-user", "kept words", _time.GetUtcNow().AddDays(90))]);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.NotEmpty(ResidueScan.Find(_folder, Secret));
        _time.Advance(TimeSpan.FromDays(31));

        // Another process's open (a CLI command) purges; nobody calls PurgeExpiredAsync.
        await using (var reopened = SqliteMemoryStore.Open(path, _time))
        {
            Assert.Equal(1, (await reopened.GetStatsAsync()).Interventions);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Empty(ResidueScan.Find(_folder, [User, Secret, .. ids]));
        Assert.NotEmpty(ResidueScan.Find(_folder, "kept words"));
    }

    [Fact]
    public async Task PurgeExpired_WhileOpen_LeavesNothingInTheWal()
    {
        var path = Path.Combine(_folder, "rapport.db");
        await using var store = SqliteMemoryStore.Open(path, _time);
        var ids = await Write(store);
        _time.Advance(TimeSpan.FromDays(31));

        Assert.Equal(ids.Count, await store.PurgeExpiredAsync(TestContext.Current.CancellationToken));

        // The store is still open: the scan reads the database and its WAL as they are now.
        Assert.Empty(ResidueScan.Find(_folder, [User, Secret, .. ids]));
    }

    [Fact]
    public async Task BackgroundPurger_OnItsTimer_RemovesExpiredRowsFromALongRunningHost()
    {
        var path = Path.Combine(_folder, "rapport.db");
        await using var store = SqliteMemoryStore.Open(path, _time);
        var ids = await Write(store);
        using var purger = new Rapport.Storage.ExpiredMemoryPurger(store, _time) { Interval = TimeSpan.FromHours(1) };
        await purger.StartAsync(TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromDays(31));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (purger.Purged < ids.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await purger.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ids.Count, purger.Purged);
        Assert.Empty(ResidueScan.Find(_folder, [User, Secret, .. ids]));
    }

    private async Task<List<string>> Write(SqliteMemoryStore store)
    {
        var records = Enumerable.Range(0, 10).Select(i => Record(User, $"{Secret} {i}", _time.GetUtcNow().AddDays(30))).ToList();
        await store.RecordAsync(records);
        return records.Select(r => r.Id).ToList();
    }

    private Intervention Record(string user, string text, DateTimeOffset expires) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        UserId = user,
        SessionId = "s1",
        CreatedAt = _time.GetUtcNow(),
        Situation = text,
        Kind = "breathing",
        Text = text,
        Embedding = new float[] { 1f, 0f, 0f, 0f },
        EmbeddingModel = "test",
        ExpiresAt = expires,
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
