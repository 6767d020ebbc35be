using Microsoft.Extensions.AI;

namespace Rapport.Evaluation.Retrieval;

/// <summary>Stands in for an embedder in a lexical-only run: one zero per text, no model loaded (lexical search never reads vectors).</summary>
internal sealed class WordsOnlyEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "none (lexical run)";
    private static readonly float[] Zero = [0f];
    private static readonly EmbeddingGeneratorMetadata Metadata = new("rapport-words-only", defaultModelId: ModelId, defaultModelDimensions: 1);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(Zero))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
