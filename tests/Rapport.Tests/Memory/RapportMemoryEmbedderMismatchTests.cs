using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Tests.Memory;

/// <summary>Recall with another embedder than the one that wrote a user's memories: a clear error, never a silent partial result.</summary>
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
    public async Task RecallAsync_UserHasMemoriesOfAnotherEmbedder_ThrowsNamingBothAndTheFix()
    {
        await Memory(64).RecordAsync(New("ana"));
        await Memory(64).RecordAsync(New("ana"));

        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Memory(384).RecallAsync(Query("ana")));

        Assert.Equal(("ana", "hashing-384"), (error.UserId, error.SearchingModel));
        Assert.Equal(2, error.FoundModels["hashing-64"]);
        Assert.Contains("2 by 'hashing-64'", error.Message, StringComparison.Ordinal);
        Assert.Contains("RAPPORT_EMBEDDER=hashing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecallAsync_OtherUsersOrExpiredMemoriesOfAnotherEmbedder_DoNotBlock()
    {
        await Memory(64).RecordAsync(New("ben"));
        await Memory(64).RecordAsync(New("ana"));
        _time.Advance(TimeSpan.FromDays(31));
        var kept = await Memory(384).RecordAsync(New("ana"));

        var hits = await Memory(384).RecallAsync(Query("ana"));

        Assert.Equal([kept.Id], hits.Select(h => h.Intervention.Id));
    }

    private RapportMemory Memory(int dimensions) => new(_store, new HashingEmbeddingGenerator(dimensions), timeProvider: _time);

    private static NewIntervention New(string user) =>
        new() { UserId = user, Situation = "I feel anxious about my exam", Kind = "breathing", Text = "Breathe with me." };

    private static RecallRequest Query(string user) => new() { UserId = user, Query = "anxious about the exam" };
}
