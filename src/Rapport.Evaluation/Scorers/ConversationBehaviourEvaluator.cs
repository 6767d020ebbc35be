using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Embeddings;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Scorers;

/// <summary>Scores every agent turn of a whole conversation and reports MITI-style summary indicators, each as its own metric.</summary>
/// <remarks>
/// The conversation is the messages plus the response's assistant messages. Every assistant message with text is one
/// agent turn, coded by a <see cref="BehaviourClassifier"/> with the person's messages since the agent's previous turn
/// (all texts embedded in one call when the MiniLM model runs). Metrics: <see cref="ScorerNames.ReflectionToQuestionRatio"/>
/// (reflections / max(questions, 1); passes at 1), <see cref="ScorerNames.ReflectionShare"/> (passes at 0.3),
/// <see cref="ScorerNames.ComplexReflectionShare"/> (complex / all reflections; passes at 0.4; no value without a
/// reflection), <see cref="ScorerNames.AdviceWithoutPermissionShare"/> (lower is better; passes up to 0.1) and
/// <see cref="ScorerNames.ConversationSupportiveness"/> (mean of the per-turn supportiveness; passes at the
/// supportiveness threshold). The mean's metadata lists each turn's code. Thread-safe when the embedder is.
/// </remarks>
public sealed class ConversationBehaviourEvaluator : IEvaluator
{
    private readonly SupportivenessEvaluator _turns;
    private readonly BehaviourClassifier _classifier;
    private readonly SupportivenessOptions _options;

    /// <summary>Creates the scorer; <paramref name="embedder"/> as for <see cref="SupportivenessEvaluator"/>.</summary>
    public ConversationBehaviourEvaluator(SupportivenessOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        _options = options ?? new SupportivenessOptions();
        _turns = new SupportivenessEvaluator(_options, embedder);
        _classifier = new BehaviourClassifier(embedder);
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } =
    [
        ScorerNames.ReflectionToQuestionRatio, ScorerNames.ReflectionShare, ScorerNames.ComplexReflectionShare,
        ScorerNames.AdviceWithoutPermissionShare, ScorerNames.ConversationSupportiveness,
    ];

    /// <inheritdoc/>
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var pairs = AgentTurns(messages.Concat(modelResponse.Messages));
        if (pairs.Count == 0)
        {
            return new EvaluationResult(EvaluationMetricNames.Select(n => (EvaluationMetric)ScoreInterpretation.CreateFailedMetric(n, "the conversation has no agent turn to score")));
        }

        var predictions = await _classifier.ClassifyAsync(pairs, KnownEmbeddings.In(additionalContext), cancellationToken).ConfigureAwait(false);
        var scores = pairs.Select((p, i) => _turns.ScoreClassified(p.Turn, predictions[i], _classifier.ModelNote).Score.Value).ToList();
        int Count(Func<BehaviourCode, bool> which) => predictions.Count(p => which(p.Code));
        var reflections = Count(BehaviourCodes.IsReflection);
        var questions = Count(BehaviourCodes.IsQuestion);
        var complex = Count(c => c == BehaviourCode.ComplexReflection);
        var advice = Count(c => c == BehaviourCode.AdviceWithoutPermission);
        var n = pairs.Count;
        var counts = string.Create(CultureInfo.InvariantCulture, $"{reflections} reflections ({complex} complex), {questions} questions, {advice} unasked advice in {n} agent turns ({_classifier.ModelNote})");
        var mean = ScoreInterpretation.CreateMetric(ScorerNames.ConversationSupportiveness, scores.Average(), "mean over " + counts, _options.PassThreshold);
        for (var i = 0; i < n; i++)
        {
            mean.AddOrUpdateMetadata($"turn_{i + 1}", string.Create(CultureInfo.InvariantCulture, $"{BehaviourCodes.Name(predictions[i].Code)} {scores[i]:0.00}"));
        }

        return new EvaluationResult(
            Indicator(ScorerNames.ReflectionToQuestionRatio, (double)reflections / Math.Max(questions, 1), counts, passes: v => v >= 1),
            Indicator(ScorerNames.ReflectionShare, (double)reflections / n, counts, passes: v => v >= 0.3),
            reflections == 0
                ? NotApplicable(ScorerNames.ComplexReflectionShare, "no reflection, so no share of complex ones")
                : Indicator(ScorerNames.ComplexReflectionShare, (double)complex / reflections, counts, passes: v => v >= 0.4),
            Indicator(ScorerNames.AdviceWithoutPermissionShare, (double)advice / n, counts, passes: v => v <= 0.1),
            mean);
    }

    /// <summary>The agent turns of a conversation, each with the person's messages since the agent's previous turn.</summary>
    internal static List<BehaviourPair> AgentTurns(IEnumerable<ChatMessage> conversation)
    {
        var pairs = new List<BehaviourPair>();
        var person = new List<string>();
        foreach (var message in conversation)
        {
            var text = PlainText.Of(message.Text);
            if (message.Role == ChatRole.User && text.Length > 0)
            {
                person.Add(text);
            }
            else if (message.Role == ChatRole.Assistant && text.Length > 0)
            {
                pairs.Add(new BehaviourPair(person.Count == 0 ? (pairs.Count == 0 ? null : pairs[^1].Previous) : string.Join(" ", person), text));
                person.Clear();
            }
        }

        return pairs;
    }

    private static NumericMetric Indicator(string name, double value, string reason, Func<double, bool> passes)
    {
        var rounded = Math.Round(value, 4);
        var passed = passes(rounded);
        return new NumericMetric(name, rounded, reason)
        {
            Interpretation = new EvaluationMetricInterpretation(
                passed ? EvaluationRating.Good : EvaluationRating.Poor, failed: !passed,
                reason: passed ? null : string.Create(CultureInfo.InvariantCulture, $"{rounded:0.00} is outside the MITI-style range for this indicator.")),
        };
    }

    private static NumericMetric NotApplicable(string name, string reason)
    {
        var metric = new NumericMetric(name, value: null, reason);
        metric.AddDiagnostics(EvaluationDiagnostic.Informational(reason));
        return metric;
    }
}
