using System.Diagnostics;
using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Telemetry;

/// <summary>Evaluation results as telemetry: one <c>gen_ai.evaluation.result</c> event per metric.</summary>
public static partial class RapportTelemetry
{
    /// <summary>Records one evaluator metric as a <c>gen_ai.evaluation.result</c> event on <paramref name="activity"/> (and the score metric).</summary>
    /// <remarks>
    /// The value is a numeric metric's value, or 1/0 for a boolean one; the label is the metric's interpreted rating in lower
    /// case (<c>exceptional</c>, <c>good</c>, <c>average</c>, <c>poor</c>, <c>unacceptable</c>, <c>inconclusive</c>), or
    /// <c>failed</c> with <c>error.type</c> <c>evaluation_failed</c> when the evaluator reported an error and no value, or
    /// <c>not_applicable</c> when there is neither. The metric's reason goes to <c>gen_ai.evaluation.explanation</c> only when
    /// <paramref name="includeSensitiveData"/> is set: a reason can quote the user.
    /// </remarks>
    /// <param name="activity">The span that produced the evaluated output, or <see langword="null"/> for the metric only.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="includeSensitiveData">Whether the operator opted in to user text in telemetry.</param>
    public static void RecordEvaluationResult(Activity? activity, EvaluationMetric metric, bool includeSensitiveData = false)
    {
        ArgumentNullException.ThrowIfNull(metric);
        double? value = metric switch
        {
            NumericMetric { Value: { } number } when double.IsFinite(number) => number,
            BooleanMetric { Value: { } flag } => flag ? 1 : 0,
            _ => null,
        };
        var failed = value is null && metric.Diagnostics?.Any(d => d.Severity == EvaluationDiagnosticSeverity.Error) == true;
        var label = failed ? RapportTelemetryNames.EvaluationFailedLabel
            : metric.Interpretation is { Rating: not EvaluationRating.Unknown } interpretation ? RatingLabel(interpretation.Rating)
            : value is null ? RapportTelemetryNames.EvaluationNotApplicableLabel
            : null;
        RecordEvaluationResult(
            activity, metric.Name, value, label, metric.Reason, includeSensitiveData,
            failed ? RapportTelemetryNames.EvaluationFailedError : null);
    }

    /// <summary>Records one event per metric of <paramref name="result"/>, in order.</summary>
    /// <param name="activity">The span that produced the evaluated output, or <see langword="null"/>.</param>
    /// <param name="result">The evaluation result.</param>
    /// <param name="includeSensitiveData">Whether the operator opted in to user text in telemetry.</param>
    public static void RecordEvaluationResults(Activity? activity, EvaluationResult result, bool includeSensitiveData = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var metric in result.Metrics.Values)
        {
            RecordEvaluationResult(activity, metric, includeSensitiveData);
        }
    }

    private static string RatingLabel(EvaluationRating rating) => rating switch
    {
        EvaluationRating.Exceptional => "exceptional",
        EvaluationRating.Good => "good",
        EvaluationRating.Average => "average",
        EvaluationRating.Poor => "poor",
        EvaluationRating.Unacceptable => "unacceptable",
        EvaluationRating.Inconclusive => "inconclusive",
        _ => "unknown",
    };
}
