using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Evaluation.Scorers;

/// <summary>Runs other scorers and adds their weighted combination as <see cref="ScorerNames.Quality"/>.</summary>
/// <remarks>
/// The result holds every inner metric plus the quality, which is what memory stores as <c>Intervention.Quality</c>
/// (the inner values go to <c>Intervention.Scores</c>). Metrics without a value (not applicable, or failed) are left
/// out and the remaining weights renormalized; when none has a value the quality itself fails with a diagnostic.
/// Thread-safe when the inner scorers are.
/// </remarks>
public sealed class QualityEvaluator : IEvaluator
{
    private readonly List<IEvaluator> _scorers;
    private readonly QualityOptions _options;

    /// <summary>Creates the combination of <paramref name="scorers"/> (by default brevity, supportiveness and tool usage).</summary>
    public QualityEvaluator(IEnumerable<IEvaluator>? scorers = null, QualityOptions? options = null)
    {
        _scorers = scorers?.ToList() ?? [new BrevityEvaluator(), new SupportivenessEvaluator(), new ToolUsageEvaluator()];
        _options = options ?? new QualityOptions();
        _options.Validate();
        EvaluationMetricNames = [.. _scorers.SelectMany(s => s.EvaluationMetricNames), ScorerNames.Quality];
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; }

    /// <inheritdoc/>
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var contextList = additionalContext as IReadOnlyList<EvaluationContext> ?? additionalContext?.ToList();
        var metrics = new List<EvaluationMetric>();
        foreach (var scorer in _scorers)
        {
            var result = await scorer.EvaluateAsync(messageList, modelResponse, chatConfiguration, contextList, cancellationToken)
                .ConfigureAwait(false);
            metrics.AddRange(result.Metrics.Values);
        }

        metrics.Add(Combine(metrics));
        return new EvaluationResult(metrics);
    }

    /// <summary>Combines already computed metric values with the configured weights; <see langword="null"/> when none counts.</summary>
    public double? Combine(IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        double sum = 0, weights = 0;
        foreach (var (name, weight) in _options.Weights)
        {
            if (weight > 0 && scores.TryGetValue(name, out var value))
            {
                sum += weight * value;
                weights += weight;
            }
        }

        return weights > 0 ? sum / weights : null;
    }

    private NumericMetric Combine(List<EvaluationMetric> metrics)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            if (metric is NumericMetric { Value: { } value })
            {
                values[metric.Name] = value;
            }
        }

        var quality = Combine(values);
        if (quality is null)
        {
            return ScoreInterpretation.CreateFailedMetric(
                ScorerNames.Quality, "no weighted scorer produced a value, so quality could not be computed");
        }

        var parts = _options.Weights.Where(w => w.Value > 0 && values.ContainsKey(w.Key))
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {values[w.Key]:0.00}"));
        return ScoreInterpretation.CreateMetric(
            ScorerNames.Quality, quality.Value, "weighted from " + string.Join(", ", parts), _options.PassThreshold);
    }
}
