using Microsoft.Extensions.AI;

namespace Rapport.Embeddings;

/// <summary>Carries an <see cref="EmbeddingPurpose"/> through <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>, the
/// channel every <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> already takes.</summary>
/// <remarks>
/// Generators that do not look at it (MiniLM, hashing, a remote endpoint) embed as before. One that needs prefixes can read
/// <see cref="Of"/>, or be wrapped with <see cref="PurposePrefixEmbeddingGenerator"/>. A generator that embeds the two purposes
/// differently answers <see cref="IsDistinguishedBy"/> by returning an <see cref="EmbeddingPurposeSupport"/> from <c>GetService</c>, so that
/// Rapport never reuses a query's vector as a memory's.
/// </remarks>
public static class EmbeddingPurposes
{
    /// <summary>The key in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; its value is <c>query</c> or <c>document</c>.</summary>
    public const string PropertyName = "rapport.embedding.purpose";

    private static readonly EmbeddingGenerationOptions QueryOptions = Create(EmbeddingPurpose.Query);
    private static readonly EmbeddingGenerationOptions DocumentOptions = Create(EmbeddingPurpose.Document);

    /// <summary>Returns options that say <paramref name="purpose"/> (shared instances: do not modify them).</summary>
    public static EmbeddingGenerationOptions For(EmbeddingPurpose purpose) => purpose == EmbeddingPurpose.Query ? QueryOptions : DocumentOptions;

    /// <summary>Returns the purpose the options say; <see cref="EmbeddingPurpose.Document"/> when they say none.</summary>
    public static EmbeddingPurpose Of(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true
        && string.Equals(value?.ToString(), "query", StringComparison.OrdinalIgnoreCase)
            ? EmbeddingPurpose.Query
            : EmbeddingPurpose.Document;

    /// <summary>Returns whether <paramref name="generator"/> embeds queries and documents differently.</summary>
    public static bool IsDistinguishedBy(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.GetService<EmbeddingPurposeSupport>()?.DistinguishesPurposes == true;
    }

    private static EmbeddingGenerationOptions Create(EmbeddingPurpose purpose) => new()
    {
        AdditionalProperties = new() { [PropertyName] = purpose == EmbeddingPurpose.Query ? "query" : "document" },
    };
}
