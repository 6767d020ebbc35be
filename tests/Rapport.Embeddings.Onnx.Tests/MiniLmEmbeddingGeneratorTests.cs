using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Rapport.Embeddings.Onnx.Tests;

public sealed class MiniLmEmbeddingGeneratorTests(LocalModelFixture model)
{
    private const string Anxious = "I feel anxious about my exam tomorrow";

    [Theory]
    [InlineData("I'm stressed about the test", 0.583)]
    [InlineData("The weather is sunny today", 0.166)]
    public void Embed_ReferencePairs_MatchIndependentImplementation(string other, double expected)
    {
        var vectors = model.Generator.Embed([Anxious, other]);
        Assert.Equal(expected, TensorPrimitives.Dot(vectors[0], vectors[1]), 0.01);
    }

    [Fact]
    public async Task GenerateAsync_AnyText_ReturnsUnitVectorsOf384WithModelId()
    {
        var embeddings = await model.Generator.GenerateAsync(["", "hello", new string('x', 3_000)], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(MiniLmModel.Dimensions, e.Vector.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(e.Vector.Span), 1e-4);
            Assert.Equal(MiniLmModel.ModelId, e.ModelId);
        });
        Assert.Equal(MiniLmModel.ModelId, model.Generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }
}
