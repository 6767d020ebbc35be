using Microsoft.Extensions.AI;
using Rapport.Embeddings;

namespace Rapport.Tests.Memory;

/// <summary>The real hashing embedder, counting calls; optionally drops the last embedding to act as a faulty embedder.</summary>
internal sealed class CountingEmbeddingGenerator(bool dropLast = false)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(new HashingEmbeddingGenerator())
{
    public int Calls { get; private set; }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var embeddings = await base.GenerateAsync(values, options, cancellationToken);
        return dropLast ? new GeneratedEmbeddings<Embedding<float>>(embeddings.Take(embeddings.Count - 1)) : embeddings;
    }
}
