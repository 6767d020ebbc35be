namespace Rapport.Evaluation.Retrieval;

/// <summary>Evidence recall of the questions of one category.</summary>
/// <param name="Category">The category (0 when the file gave none).</param>
/// <param name="Questions">How many questions were scored.</param>
/// <param name="Recall">Mean evidence recall in percent, by cut-off k.</param>
public sealed record CategoryRecall(int Category, int Questions, IReadOnlyDictionary<int, double> Recall);
