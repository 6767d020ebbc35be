using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Scorers;

/// <summary>Scores how short a spoken coaching turn is: 1 within the limits, declining gracefully beyond them.</summary>
/// <remarks>
/// Markup is stripped first (a listener never hears it). An empty response scores 0. Deterministic, offline and
/// thread-safe; the result's single metric is <see cref="ScorerNames.Brevity"/>.
/// </remarks>
public sealed class BrevityEvaluator : IEvaluator
{
    private readonly BrevityOptions _options;

    /// <summary>Creates the scorer with <paramref name="options"/>, or the defaults (2 sentences, 40 words).</summary>
    public BrevityEvaluator(BrevityOptions? options = null)
    {
        _options = options ?? new BrevityOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [ScorerNames.Brevity];

    /// <summary>Scores <paramref name="response"/> text.</summary>
    public TextScore Score(string? response)
    {
        var plain = PlainText.Of(response);
        if (plain.Length == 0)
        {
            return new TextScore(0, "empty response");
        }

        var (words, sentences) = TextShape.Measure(plain);
        var wordFactor = Factor(_options.MaxWords, words);
        var sentenceFactor = Factor(_options.MaxSentences, sentences);
        var score = Math.Min(wordFactor, sentenceFactor);
        var shape = string.Create(CultureInfo.InvariantCulture, $"{words} words, {sentences} sentences");
        var reason = score >= 1
            ? $"{shape}: within {_options.MaxSentences} sentences / {_options.MaxWords} words"
            : $"{shape}: over the target of {_options.MaxSentences} sentences / {_options.MaxWords} words";
        return new TextScore(score, reason);
    }

    /// <inheritdoc/>
    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        var score = Score(modelResponse.Text);
        return new(new EvaluationResult(
            ScoreInterpretation.CreateMetric(ScorerNames.Brevity, score.Value, score.Reason, _options.PassThreshold)));
    }

    private double Factor(int limit, int actual) =>
        actual <= limit ? 1 : Math.Pow((double)limit / actual, _options.Steepness);
}
