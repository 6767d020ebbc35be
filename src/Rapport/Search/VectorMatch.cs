namespace Rapport.Search;

/// <summary>An entry of a <see cref="UserVectorSet"/> that matched a search, with its cosine similarity.</summary>
/// <param name="Id">The intervention id.</param>
/// <param name="Similarity">Cosine similarity to the query.</param>
public readonly record struct VectorMatch(string Id, double Similarity);
