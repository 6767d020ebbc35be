using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Evaluation;

/// <summary>Turns a 0..1 score into a rating and a pass/fail verdict.</summary>
/// <remarks>
/// Bands: at least 0.9 exceptional, 0.7 good, 0.5 average, 0.25 poor, below that unacceptable. A score fails when
/// it is below the scorer's pass threshold.
/// </remarks>
public static class ScoreInterpretation
{
    /// <summary>Returns the rating band of <paramref name="score"/>.</summary>
    public static EvaluationRating Rate(double score) => score switch
    {
        >= 0.9 => EvaluationRating.Exceptional,
        >= 0.7 => EvaluationRating.Good,
        >= 0.5 => EvaluationRating.Average,
        >= 0.25 => EvaluationRating.Poor,
        _ => EvaluationRating.Unacceptable,
    };

    /// <summary>Returns the label used in traces and tables for <paramref name="score"/> (for example <c>good</c>).</summary>
    public static string Label(double score) => Rate(score).ToString().ToLowerInvariant();

    /// <summary>Creates a numeric metric in 0..1 with its reason and interpretation.</summary>
    public static NumericMetric CreateMetric(string name, double score, string reason, double passThreshold)
    {
        var value = Math.Round(Math.Clamp(score, 0, 1), 4);
        var passed = value >= passThreshold;
        return new NumericMetric(name, value, reason)
        {
            Interpretation = new EvaluationMetricInterpretation(
                Rate(value),
                failed: !passed,
                reason: passed ? null : $"{value:0.00} is below the pass threshold {passThreshold:0.00}."),
        };
    }

    /// <summary>Creates a metric that could not be scored: no value, an error diagnostic, interpreted as failed.</summary>
    public static NumericMetric CreateFailedMetric(string name, string error)
    {
        var metric = new NumericMetric(name, value: null, reason: error)
        {
            Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Unknown, failed: true, reason: error),
        };
        metric.AddDiagnostics(EvaluationDiagnostic.Error(error));
        return metric;
    }
}
