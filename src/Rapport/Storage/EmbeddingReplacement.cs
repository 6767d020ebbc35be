namespace Rapport.Storage;

/// <summary>A new vector for one intervention, written only if the intervention still carries <paramref name="ExpectedModel"/>.</summary>
/// <param name="Id">The intervention's id.</param>
/// <param name="ExpectedModel">The embedder its vector was read with; a record changed since (re-embedded by another run) is left alone.</param>
/// <param name="Embedding">The new vector.</param>
/// <param name="Model">The embedder that produced <paramref name="Embedding"/>.</param>
public sealed record EmbeddingReplacement(string Id, string ExpectedModel, ReadOnlyMemory<float> Embedding, string Model);
