using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Embeddings.Onnx.Tests;

/// <summary>Recall across embedders: a clear error, never silent nonsense.</summary>
public sealed class EmbedderMismatchTests(LocalModelFixture model) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-mismatch-").FullName;

    [Fact]
    public async Task RecallAsync_MemoriesWrittenByHashing_SearchWithMiniLm_ThrowsNamingBothEmbedders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "r.db"));
        using var hashing = new HashingEmbeddingGenerator();
        await new RapportMemory(store, hashing).RecordAsync(Intervention("I feel anxious about my exam tomorrow"), ct);

        var miniLm = new RapportMemory(store, model.Generator);
        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => miniLm.RecallAsync(new RecallRequest { UserId = "ana", Query = "stressed about the test" }, ct));

        Assert.Contains("hashing-384", error.Message, StringComparison.Ordinal);
        Assert.Contains(MiniLmModel.ModelId, error.Message, StringComparison.Ordinal);
        Assert.Contains("RAPPORT_EMBEDDER=hashing", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.FoundModels["hashing-384"]);
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
