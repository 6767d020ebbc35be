using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Evaluation;

/// <summary>Reads scores out of an <see cref="EvaluationResult"/> in the shape memory stores them.</summary>
public static class EvaluationResultScores
{
    /// <summary>Returns every numeric metric with a value, except the quality, by name (for <c>Intervention.Scores</c>).</summary>
    public static IReadOnlyDictionary<string, double> ToScores(this EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in result.Metrics.Values)
        {
            if (metric is NumericMetric { Value: { } value } && metric.Name != ScorerNames.Quality)
            {
                scores[metric.Name] = value;
            }
        }

        return scores;
    }

    /// <summary>Returns the quality metric's value (for <c>Intervention.Quality</c>), or <see langword="null"/>.</summary>
    public static double? GetQuality(this EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.TryGet<NumericMetric>(ScorerNames.Quality, out var quality) ? quality.Value : null;
    }
}
