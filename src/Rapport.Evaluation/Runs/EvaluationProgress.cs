namespace Rapport.Evaluation.Runs;

/// <summary>How far a run is: reported after each case.</summary>
/// <param name="Completed">Cases finished so far.</param>
/// <param name="Total">Cases in the run.</param>
/// <param name="Failed">Cases whose target failed or that have a failed score.</param>
public readonly record struct EvaluationProgress(int Completed, int Total, int Failed);
