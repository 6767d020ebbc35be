using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Embeddings.Onnx.Tests;

/// <summary>Recall across embedders: never silent nonsense; re-embedding moves a store to the local model.</summary>
public sealed class EmbedderMismatchTests(LocalModelFixture model) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-mismatch-").FullName;

    [Fact]
    public async Task RecallAsync_MemoriesWrittenByHashing_FoundByWordsUntilReembeddedWithMiniLm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "r.db"));
        using var hashing = new HashingEmbeddingGenerator();
        await new RapportMemory(store, hashing).RecordManyAsync(
            [Intervention("I feel anxious about my exam tomorrow"), Intervention("My bike has a flat tyre")], ct);
        var miniLm = new RapportMemory(store, model.Generator);
        var query = new RecallRequest { UserId = "ana", Query = "stressed about the test" };

        var before = await miniLm.RecallAsync(query, ct);
        var awaiting = (await miniLm.GetEmbeddingStatusAsync("ana", ct)).AwaitingReembedding;
        var result = await miniLm.ReembedAsync(cancellationToken: ct);
        var after = await miniLm.RecallAsync(query, ct);

        Assert.Empty(before);
        Assert.Equal(2, awaiting);
        Assert.Equal((2L, "hashing-384", MiniLmModel.ModelId), (result.Reembedded, result.PreviousEmbedder, result.Embedder));
        Assert.Equal("I feel anxious about my exam tomorrow", after[0].Intervention.Situation);
        Assert.True(after[0].Similarity > 0.3);
    }

    [Fact]
    public async Task RecallAsync_SameEmbedder_FindsTheSimilarSituationFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "r.db"));
        var memory = new RapportMemory(store, model.Generator);
        await memory.RecordManyAsync(
            [Intervention("The weather is sunny today"), Intervention("I feel anxious about my exam tomorrow"), Intervention("My bike has a flat tyre")], ct);

        var hits = await memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "I'm stressed about the test" }, ct);

        Assert.Equal("I feel anxious about my exam tomorrow", hits[0].Intervention.Situation);
        Assert.Equal(MiniLmModel.ModelId, hits[0].Intervention.EmbeddingModel);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static NewIntervention Intervention(string situation) =>
        new() { UserId = "ana", Situation = situation, Kind = "breathing", Text = "Let's breathe slowly together." };
}
