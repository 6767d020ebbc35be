namespace Rapport.Evaluation.Comparison;

/// <summary>One metric over a run: mean and spread of the values, pass rate and failures.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="Scored">Cases with a value.</param>
/// <param name="Mean">Mean value, or <see langword="null"/> when nothing was scored.</param>
/// <param name="StandardDeviation">Population standard deviation of the values, or <see langword="null"/>.</param>
/// <param name="PassRate">Share of scored cases that passed, or <see langword="null"/> when the scorer gives no verdict.</param>
/// <param name="Failed">Cases whose score failed (counted, never dropped).</param>
/// <param name="NotApplicable">Cases where the metric did not apply.</param>
public sealed record ScorerSummary(string Name, int Scored, double? Mean, double? StandardDeviation, double? PassRate, int Failed, int NotApplicable);
