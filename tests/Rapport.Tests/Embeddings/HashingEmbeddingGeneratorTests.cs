using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Rapport.Embeddings;

namespace Rapport.Tests.Embeddings;

public sealed class HashingEmbeddingGeneratorTests
{
    private readonly HashingEmbeddingGenerator _embedder = new();

    [Fact]
    public void Embed_SameTextTwoInstances_SameVector()
    {
        var first = _embedder.Embed("I feel tense before my exam");
        var second = new HashingEmbeddingGenerator().Embed("I feel tense before my exam");

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("calm")]
    [InlineData("I feel tense before my exam, and I can't sleep.")]
    [InlineData("日本語のテキスト")]
    public void Embed_AnyText_IsUnitLength(string text)
    {
        var vector = _embedder.Embed(text);

        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, TensorPrimitives.Norm(vector), 5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!, ...")]
    public void Embed_NoWords_ZeroVectorWithoutNaN(string text)
    {
        var vector = _embedder.Embed(text);

        Assert.All(vector, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Embed_CaseAndPunctuation_AreIgnored()
    {
        Assert.Equal(_embedder.Embed("I feel TENSE!"), _embedder.Embed("i feel tense"));
    }

    [Fact]
    public void Embed_FullWidthLetters_NormalizeToAscii()
    {
        Assert.Equal(_embedder.Embed("calm"), _embedder.Embed("ｃａｌｍ"));
    }

    [Fact]
    public void Embed_SharedWords_MoreSimilarThanUnrelatedText()
    {
        var query = _embedder.Embed("I am nervous about my exam tomorrow");
        var related = _embedder.Embed("nervous about the exam");
        var unrelated = _embedder.Embed("the weather is sunny at the beach");

        var relatedSimilarity = TensorPrimitives.CosineSimilarity(query, related);
        var unrelatedSimilarity = TensorPrimitives.CosineSimilarity(query, unrelated);

        Assert.True(relatedSimilarity > 0.4f, $"related similarity {relatedSimilarity}");
        Assert.True(relatedSimilarity > unrelatedSimilarity + 0.3f, $"related {relatedSimilarity}, unrelated {unrelatedSimilarity}");
    }

    [Fact]
    public void Embed_WordOrder_ChangesVectorThroughBigrams()
    {
        var vector = _embedder.Embed("dog bites man");
        var reordered = _embedder.Embed("man bites dog");

        Assert.NotEqual(vector, reordered);
        Assert.True(TensorPrimitives.CosineSimilarity(vector, reordered) > 0.7f);
    }

    [Fact]
    public void Embed_KnownText_MatchesPinnedValues()
    {
        // Stored memories keep their vectors: a change to hashing or weighting silently breaks every existing store.
        // If this fails on purpose, the model id must change too (hashing-v2-384), never the vectors under the old id.
        var vector = new HashingEmbeddingGenerator(32).Embed("calm breath");

        Assert.Equal(PinnedCalmBreath32, vector.Select(v => MathF.Round(v, 4)).ToArray());
    }

    [Theory]
    [InlineData(15)]
    [InlineData(8_193)]
    public void Constructor_DimensionsOutOfRange_Throws(int dimensions)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashingEmbeddingGenerator(dimensions));
    }

    [Fact]
    public async Task GenerateAsync_Batch_OneEmbeddingPerValueInOrder()
    {
        var embeddings = await _embedder.GenerateAsync(["calm", "tense", "calm"]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal("hashing-384", e.ModelId));
        Assert.Equal(_embedder.Embed("tense"), embeddings[1].Vector.ToArray());
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[2].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _embedder.GenerateAsync(["calm"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void GetService_Metadata_DescribesProviderModelAndDimensions()
    {
        var metadata = _embedder.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(HashingEmbeddingGenerator.ProviderName, metadata.ProviderName);
        Assert.Equal("hashing-384", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Equal("hashing-384", EmbedderIdentity.Of(_embedder));
        Assert.Same(_embedder, _embedder.GetService<HashingEmbeddingGenerator>());
        Assert.Null(_embedder.GetService(typeof(EmbeddingGeneratorMetadata), serviceKey: "other"));
        Assert.Null(_embedder.GetService(typeof(string)));
    }

    private static readonly float[] PinnedCalmBreath32 =
    [
        0f, 0f, 0f, 0f, 0.5564f, 0f, 0f, 0f, 0f, 0f, -0.1947f, 0.1947f, -0.1947f, 0f, 0f, 0.5564f,
        0.1947f, 0f, 0f, 0f, 0.1947f, 0f, 0f, -0.1947f, -0.2782f, -0.1947f, 0f, 0f, 0f, 0f, 0f, 0.1947f,
    ];
}
