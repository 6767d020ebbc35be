namespace Rapport.Evaluation.Comparison;

/// <summary>How a candidate run's mean on one metric differs from the baseline's.</summary>
/// <param name="RunId">The candidate run.</param>
/// <param name="Metric">The metric name.</param>
/// <param name="MeanDelta">Candidate mean minus baseline mean, or <see langword="null"/> when either has no values.</param>
/// <param name="Verdict">Better, worse or same (within the tolerance).</param>
public sealed record MetricChange(string RunId, string Metric, double? MeanDelta, ChangeVerdict Verdict);
