using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Tests.Memory;

/// <summary>Recall with another embedder than the one that wrote a user's memories: found by their words, counted as awaiting re-embedding.</summary>
public sealed class RapportMemoryEmbedderMismatchTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-mismatch-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteMemoryStore _store = null!;

    public ValueTask InitializeAsync()
    {
        _store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), _time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RecallAsync_UserHasMemoriesOfAnotherEmbedder_FindsThemByWordsAndCountsThemAsAwaiting()
    {
        await Memory(64).RecordAsync(New("ana"));
        await Memory(64).RecordAsync(New("ana"));

        var hits = await Memory(384).RecallAsync(Query("ana"));
        var status = await Memory(384).GetEmbeddingStatusAsync("ana");

        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal(0, h.Similarity));
        Assert.Equal(new EmbeddingStatus("ana", "hashing-384", "hashing-64", 0, 2), status);
    }

    [Fact]
    public async Task GetEmbeddingStatusAsync_OtherUsersAndExpiredMemories_AreNotCounted()
    {
        await Memory(64).RecordAsync(New("ben"));
        await Memory(64).RecordAsync(New("ana"));
        _time.Advance(TimeSpan.FromDays(31));
        await Memory(384).ReembedAsync(new ReembedRequest { UserId = "ana" });
        var kept = await Memory(384).RecordAsync(New("ana"));

        var status = await Memory(384).GetEmbeddingStatusAsync("ana");
        var hits = await Memory(384).RecallAsync(Query("ana"));

        Assert.Equal((1L, 0L), (status.Current, status.AwaitingReembedding));
        Assert.Equal([kept.Id], hits.Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task ReembedAsync_BadRequest_IsRejectedBeforeAnyChange()
    {
        await Memory(64).RecordAsync(New("ana"));

        await Assert.ThrowsAsync<ArgumentException>(() => Memory(384).ReembedAsync(new ReembedRequest { UserId = "a*" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Memory(384).ReembedAsync(new ReembedRequest { BatchSize = 0 }));

        Assert.Equal("hashing-64", await _store.GetEmbedderAsync());
    }

    private RapportMemory Memory(int dimensions) => new(_store, new HashingEmbeddingGenerator(dimensions), timeProvider: _time);

    private static NewIntervention New(string user) =>
        new() { UserId = user, Situation = "I feel anxious about my exam", Kind = "breathing", Text = "Breathe with me." };

    private static RecallRequest Query(string user) => new() { UserId = user, Query = "anxious about the exam" };
}
