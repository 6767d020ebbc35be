using Rapport.Memory;

namespace Rapport.Storage;

/// <summary>An intervention found by a search, with its similarity to the query.</summary>
/// <param name="Intervention">The intervention.</param>
/// <param name="Similarity">Cosine similarity of its situation to the query, in -1..1.</param>
public sealed record MemorySearchHit(Intervention Intervention, double Similarity);
