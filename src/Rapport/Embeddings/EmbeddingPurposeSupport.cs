namespace Rapport.Embeddings;

/// <summary>What an embedding generator says, through <c>GetService</c>, about how it treats <see cref="EmbeddingPurpose"/>.</summary>
/// <param name="DistinguishesPurposes">Whether queries and documents get different vectors for the same text.</param>
public sealed record EmbeddingPurposeSupport(bool DistinguishesPurposes);
