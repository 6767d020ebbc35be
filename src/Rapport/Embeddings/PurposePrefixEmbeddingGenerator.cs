using Microsoft.Extensions.AI;

namespace Rapport.Embeddings;

/// <summary>Prefixes each text by its <see cref="EmbeddingPurpose"/> before the inner generator embeds it, for asymmetric models
/// (e5: <c>query: </c> / <c>passage: </c>; arctic-embed and bge: a query instruction, no document prefix).</summary>
/// <remarks>
/// The model id it reports is the inner one plus the prefixes, so vectors made with and without them are never mixed in one
/// store (<see cref="EmbedderIdentity"/>). Thread-safe when the inner generator is; it owns the inner generator.
/// </remarks>
public sealed class PurposePrefixEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly EmbeddingPurposeSupport Support = new(DistinguishesPurposes: true);
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates the wrapper.</summary>
    /// <param name="innerGenerator">The generator that embeds the prefixed texts.</param>
    /// <param name="queryPrefix">Put before every query, for example <c>query: </c>.</param>
    /// <param name="documentPrefix">Put before every memory's situation, for example <c>passage: </c>; empty for none.</param>
    public PurposePrefixEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, string queryPrefix, string documentPrefix = "")
        : base(innerGenerator)
    {
        ArgumentNullException.ThrowIfNull(queryPrefix);
        ArgumentNullException.ThrowIfNull(documentPrefix);
        if (queryPrefix.Length == 0 && documentPrefix.Length == 0)
        {
            throw new ArgumentException("Give a query prefix, a document prefix or both; without either the wrapper changes nothing.", nameof(queryPrefix));
        }

        QueryPrefix = queryPrefix;
        DocumentPrefix = documentPrefix;
        var inner = innerGenerator.GetService<EmbeddingGeneratorMetadata>();
        _metadata = new EmbeddingGeneratorMetadata(
            inner?.ProviderName, inner?.ProviderUri, $"{EmbedderIdentity.Of(innerGenerator)}+prefix({queryPrefix.Trim()}|{documentPrefix.Trim()})",
            inner?.DefaultModelDimensions);
    }

    /// <summary>Gets the prefix put before queries.</summary>
    public string QueryPrefix { get; }

    /// <summary>Gets the prefix put before documents.</summary>
    public string DocumentPrefix { get; }

    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var prefix = EmbeddingPurposes.Of(options) == EmbeddingPurpose.Query ? QueryPrefix : DocumentPrefix;
        return base.GenerateAsync(prefix.Length == 0 ? values : values.Select(v => prefix + v), options, cancellationToken);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(EmbeddingPurposeSupport) ? Support
            : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : base.GetService(serviceType, serviceKey);
    }
}
