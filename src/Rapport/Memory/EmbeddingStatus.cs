namespace Rapport.Memory;

/// <summary>How a user's memories stand against the embedder in use: how many dense search can compare, how many await re-embedding.</summary>
/// <param name="UserId">The user counted.</param>
/// <param name="Embedder">The embedder this memory service embeds with.</param>
/// <param name="StoreEmbedder">The embedder the store is bound to, or <see langword="null"/> when it remembers none.</param>
/// <param name="Current">The user's live memories embedded by <paramref name="Embedder"/>.</param>
/// <param name="AwaitingReembedding">The user's live memories embedded by any other embedder: lexical search finds them, dense search cannot
/// compare them until they are re-embedded (<see cref="RapportMemory.ReembedAsync"/>, <c>rapport reembed</c>).</param>
public sealed record EmbeddingStatus(string UserId, string Embedder, string? StoreEmbedder, long Current, long AwaitingReembedding);
