using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Rapport.Demo;

/// <summary>Remembers the embedding of every text it has seen: the simulated users word situations from a fixed bank,
/// so each phrasing needs embedding once per process, however many users, sessions and seeds say it.</summary>
/// <remarks>Unbounded by design (the bank is finite); not for open-ended text. Share one between runs with the same
/// embedder. Thread-safe. Disposing it does not dispose the inner embedder, which the caller owns.</remarks>
public sealed class PhrasingEmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly ConcurrentDictionary<string, Embedding<float>> _embeddings = new(StringComparer.Ordinal);

    /// <summary>Gets how many texts have been embedded.</summary>
    public int Count => _embeddings.Count;

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var missing = texts.Where(t => !_embeddings.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var generated = await _inner.GenerateAsync(missing, options, cancellationToken).ConfigureAwait(false);
            if (generated.Count != missing.Count)
            {
                throw new InvalidOperationException($"The embedder returned {generated.Count} embeddings for {missing.Count} texts.");
            }

            for (var i = 0; i < missing.Count; i++)
            {
                _embeddings.TryAdd(missing[i], generated[i]);
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => _embeddings[t]));
    }

    // A vector read back from BankEmbeddingFile: the same embedding the inner embedder would return for the text.
    internal void Remember(string text, float[] vector) =>
        _embeddings.TryAdd(text, new Embedding<float>(vector) { ModelId = _inner.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId });

    internal float[]? Find(string text) => _embeddings.TryGetValue(text, out var embedding) ? embedding.Vector.ToArray() : null;

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : _inner.GetService(serviceType!, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        // The inner embedder belongs to the caller.
    }
}
