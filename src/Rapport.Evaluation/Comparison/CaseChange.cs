namespace Rapport.Evaluation.Comparison;

/// <summary>How one metric of one case changed from a baseline run to a candidate run.</summary>
/// <param name="CaseId">The case id.</param>
/// <param name="Metric">The metric name.</param>
/// <param name="Baseline">The baseline's value, or <see langword="null"/> when it had none.</param>
/// <param name="Candidate">The candidate's value, or <see langword="null"/> when it had none.</param>
/// <param name="Verdict">Better, worse or same (within the tolerance).</param>
public sealed record CaseChange(string CaseId, string Metric, double? Baseline, double? Candidate, ChangeVerdict Verdict)
{
    /// <summary>Gets candidate minus baseline, or <see langword="null"/> when either has no value.</summary>
    public double? Delta => Baseline is { } b && Candidate is { } c ? c - b : null;
}
