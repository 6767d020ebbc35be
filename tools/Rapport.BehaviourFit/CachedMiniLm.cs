using Microsoft.Extensions.AI;
using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>The library's view of all-MiniLM-L6-v2 over the tool's <see cref="EmbeddingCache"/>, so the shipped scorers run on cached vectors.</summary>
internal sealed class CachedMiniLm(EmbeddingCache cache) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("rapport-onnx", defaultModelId: BehaviourClassifier.MiniLmModelId, defaultModelDimensions: 384);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var vectors = cache.Embed(texts);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(vectors[t]))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
