using Microsoft.Extensions.AI;

namespace Rapport.Embeddings;

/// <summary>Names the embedder behind an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, as recorded with each vector.</summary>
public static class EmbedderIdentity
{
    /// <summary>Returns the embedder's model id (from its metadata), or its provider name, or <c>unknown</c>.</summary>
    public static string Of(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        return metadata?.DefaultModelId ?? metadata?.ProviderName ?? "unknown";
    }
}
