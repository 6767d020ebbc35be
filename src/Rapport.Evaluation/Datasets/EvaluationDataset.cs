namespace Rapport.Evaluation.Datasets;

/// <summary>A named list of evaluation cases, identified by a hash of its content.</summary>
/// <param name="Name">The dataset's name (by default its file name without extension).</param>
/// <param name="ContentHash">A hash of the file's bytes: runs on the same hash are comparable.</param>
/// <param name="Cases">The cases, in file order.</param>
public sealed record EvaluationDataset(string Name, string ContentHash, IReadOnlyList<EvaluationCase> Cases);
