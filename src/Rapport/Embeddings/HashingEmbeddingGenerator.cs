using System.Numerics.Tensors;
using System.Text;
using Microsoft.Extensions.AI;

namespace Rapport.Embeddings;

/// <summary>A dependency-free embedder: word unigrams, word bigrams and character trigrams hashed into a fixed-size vector.</summary>
/// <remarks>
/// <para>
/// Deterministic, fast and language-agnostic, but lexical: it sees shared words and word pieces, not meaning
/// ("exam" and "test" are unrelated to it). It is the documented fallback when the local neural model is absent.
/// </para>
/// <para>Thread-safe and stateless; vectors are L2-normalized, so cosine similarity is a dot product.</para>
/// </remarks>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name reported in metadata.</summary>
    public const string ProviderName = "rapport-hashing";

    /// <summary>The embedder name selected by <c>RAPPORT_EMBEDDER=hashing</c>.</summary>
    public const string EmbedderName = "hashing";

    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates an embedder producing vectors of <paramref name="dimensions"/> values.</summary>
    /// <param name="dimensions">The vector size; the default, 384, matches all-MiniLM-L6-v2.</param>
    public HashingEmbeddingGenerator(int dimensions = 384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, 8_192);
        Dimensions = dimensions;
        ModelId = $"hashing-{dimensions}";
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, defaultModelId: ModelId, defaultModelDimensions: dimensions);
    }

    /// <summary>Gets the vector size.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the model id recorded with every vector, <c>hashing-{dimensions}</c>.</summary>
    public string ModelId { get; }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId });
        }

        return Task.FromResult(result);
    }

    /// <summary>Embeds one text synchronously.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimensions];
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            Add(vector, Hash("w:", words[i]), 1f);
            if (i > 0)
            {
                Add(vector, Hash("b:", string.Concat(words[i - 1], " ", words[i])), 0.5f);
            }

            var padded = string.Concat("<", words[i], ">");
            for (var j = 0; j + 3 <= padded.Length; j++)
            {
                Add(vector, Hash("c:", padded.Substring(j, 3)), 0.35f);
            }
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Stateless: nothing to release.
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c != '\'' && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private void Add(float[] vector, ulong hash, float weight)
    {
        var index = (int)(hash % (ulong)Dimensions);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }

    // FNV-1a, 64 bit: stable across processes and platforms (string.GetHashCode is randomized per process).
    private static ulong Hash(string prefix, string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in prefix)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Final avalanche (from MurmurHash3) so that the modulo and the sign bit are well mixed.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
