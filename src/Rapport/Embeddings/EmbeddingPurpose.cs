namespace Rapport.Embeddings;

/// <summary>What a text is embedded for: stored as a memory, or searched with.</summary>
/// <remarks>
/// Asymmetric retrieval models (e5, arctic-embed, bge) are trained with a prefix on queries (and some on documents), and
/// their vectors are only comparable when each side carries its own. Symmetric models such as all-MiniLM-L6-v2 and the
/// hashing embedder embed both alike. Rapport passes the purpose with every call (<see cref="EmbeddingPurposes"/>).
/// </remarks>
public enum EmbeddingPurpose
{
    /// <summary>A memory's situation, stored and searched over.</summary>
    Document = 0,

    /// <summary>A query that searches memories.</summary>
    Query = 1,
}
