namespace Rapport.Search;

/// <summary>An entry of a <see cref="UserVectorSet"/> that matched a search.</summary>
/// <param name="Id">The intervention id.</param>
/// <param name="Similarity">Cosine similarity to the query embedding, or 0 when the vectors cannot be compared (another embedder).</param>
/// <param name="Score">The score the search ranked by: the similarity in dense mode, BM25 in lexical mode, the fused score in hybrid mode.</param>
public readonly record struct VectorMatch(string Id, double Similarity, double Score = 0);
