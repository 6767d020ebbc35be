using Microsoft.Data.Sqlite;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Sqlite.Tests;

/// <summary>A write carried into the cached snapshot costs O(1), not the user's size (issue 17).</summary>
public sealed class SqliteSnapshotAllocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-sqlite-alloc-").FullName;

    [Fact]
    public async Task RecordThenSearch_OnALargeUser_AllocatesAboutWhatTheWriteAndTheSearchDoAlone()
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(5);
        Intervention Make(int i) => new()
        {
            Id = $"mem{i:D6}", UserId = "ana", SessionId = $"s{i / 20}", CreatedAt = now.AddSeconds(-i), Situation = $"tense before the meeting {i}",
            Kind = "breathing", Text = "three slow breaths", Embedding = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble()).ToArray(),
            EmbeddingModel = "m", ExpiresAt = now.AddDays(30),
        };
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), null, SqliteDurability.Normal);
        await store.RecordAsync([.. Enumerable.Range(0, 5_000).Select(Make)]);
        var request = new MemorySearchRequest { UserId = "ana", Embedding = Make(0).Embedding, Text = "meeting" };
        await store.SearchAsync(request);
        var next = 10_000;
        for (var warm = 0; warm < 3; warm++)
        {
            await store.RecordAsync([Make(next++)]);
            await store.SearchAsync(request);
        }

        var searchAlone = Allocated(() => store.SearchAsync(request).GetAwaiter().GetResult());
        var both = Allocated(() =>
        {
            store.RecordAsync([Make(next++)]).GetAwaiter().GetResult();
            store.SearchAsync(request).GetAwaiter().GetResult();
        });
        var statistics = ((UserVectorCache)store.GetService(typeof(UserVectorCache))!).Statistics;

        // The user's snapshot holds about 15 MB; one write may allocate its own record's bytes, not a copy of the user.
        Assert.True(both - searchAlone < 64_000, $"Record-then-search allocated {both} bytes, the search alone {searchAlone}.");
        Assert.Equal(1, statistics.Misses);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
