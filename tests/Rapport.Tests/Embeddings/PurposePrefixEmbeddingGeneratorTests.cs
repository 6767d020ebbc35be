using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Sqlite;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.Embeddings;

/// <summary>Queries and memories apart: the memory service says which it embeds, and an asymmetric embedder gets each its prefix.</summary>
public sealed class PurposePrefixEmbeddingGeneratorTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-purpose-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly HashingEmbeddingGenerator _hashing = new(64);
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
    public async Task RecordAndRecall_AsymmetricEmbedder_EmbedEachSideWithItsPrefix()
    {
        var memory = new RapportMemory(_store, Prefixed(), timeProvider: _time);
        const string Situation = "I feel anxious about my exam";

        var stored = await memory.RecordAsync(new NewIntervention { UserId = "ana", Situation = Situation, Kind = "breathing", Text = "Breathe." });
        var hit = (await memory.RecallAsync(new RecallRequest { UserId = "ana", Query = Situation, Mode = Rapport.Search.SearchMode.Dense }))[0];

        Assert.Equal(_hashing.Embed("passage: " + Situation), stored.Embedding.ToArray());
        Assert.Equal(Cosine(_hashing.Embed("query: " + Situation), _hashing.Embed("passage: " + Situation)), hit.Similarity, 5);
        Assert.True(hit.Similarity < 0.999);
        Assert.Equal("hashing-64+prefix(query:|passage:)", memory.EmbeddingModel);
    }

    [Fact]
    public async Task CompleteTurnAsync_AsymmetricEmbedder_StoresTheDocumentVectorNotTheQuerys()
    {
        var memory = new RapportMemory(_store, Prefixed(), timeProvider: _time);
        var loop = new RapportLoop(memory, [], timeProvider: _time);

        var turn = await loop.PrepareTurnAsync("ana", "s1", "Can't sleep, thoughts racing");
        var recorded = await loop.CompleteTurnAsync(turn, new ChatResponse(new ChatMessage(ChatRole.Assistant, "Let's breathe.")));

        Assert.Equal(_hashing.Embed("query: Can't sleep, thoughts racing"), turn.Embedding.ToArray());
        Assert.Equal(_hashing.Embed("passage: Can't sleep, thoughts racing"), recorded.Intervention.Embedding.ToArray());
    }

    [Fact]
    public async Task CompleteTurnAsync_AsymmetricEmbedder_HandsTheScorersTheDocumentVectorItStores()
    {
        var memory = new RapportMemory(_store, Prefixed(), timeProvider: _time);
        var scorer = new ContextCapturingScorer();
        var loop = new RapportLoop(memory, [scorer], timeProvider: _time);

        var turn = await loop.PrepareTurnAsync("ana", "s1", "Can't sleep, thoughts racing");
        var recorded = await loop.CompleteTurnAsync(turn, new ChatResponse(new ChatMessage(ChatRole.Assistant, "Let's breathe.")));

        var known = KnownEmbeddings.In(scorer.Context);
        Assert.NotNull(known);
        Assert.True(known.TryGet(memory.EmbeddingModel, "Can't sleep, thoughts racing", out var vector));
        Assert.Equal(_hashing.Embed("passage: Can't sleep, thoughts racing"), vector.ToArray());
        Assert.Equal(recorded.Intervention.Embedding.ToArray(), vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_NoPurposeGiven_IsADocument_AndSymmetricEmbeddersIgnoreThePurpose()
    {
        using var prefixed = Prefixed();
        var plain = await _hashing.GenerateVectorAsync("x", EmbeddingPurposes.For(EmbeddingPurpose.Query), TestContext.Current.CancellationToken);

        var untagged = await prefixed.GenerateVectorAsync("x", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(_hashing.Embed("passage: x"), untagged.ToArray());
        Assert.Equal(_hashing.Embed("x"), plain.ToArray());
        Assert.True(EmbeddingPurposes.IsDistinguishedBy(prefixed));
        Assert.False(EmbeddingPurposes.IsDistinguishedBy(_hashing));
        Assert.Throws<ArgumentException>(() => new PurposePrefixEmbeddingGenerator(_hashing, "", ""));
    }

    private PurposePrefixEmbeddingGenerator Prefixed() => new(_hashing, "query: ", "passage: ");

    private static double Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}
