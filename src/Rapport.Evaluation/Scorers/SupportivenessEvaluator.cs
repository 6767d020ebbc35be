using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Scorers;

/// <summary>Scores how supportive a turn is, offline and deterministically, with a small fitted model over English cues.</summary>
/// <remarks>
/// A logistic model weighs interpretable features of the turn (how much it says, up to 60 words; validation, warmth,
/// reflection, collaborative language, a gentle next step, self-disclosure; minimizing language; whether it takes up
/// the person's own words, when the last user message is known); its weights were fitted on the training splits of
/// public support dialogs (docs/evaluation.md, which also reports that it does not beat a length-only baseline there).
/// Dismissive, blaming and preachy language subtract fixed penalties (<see cref="SupportivenessOptions"/>). Markup is stripped first. An empty response scores
/// 0; text without English cues says so in its reason. Thread-safe; the result's single metric is
/// <see cref="ScorerNames.Supportiveness"/>.
/// </remarks>
public sealed class SupportivenessEvaluator : IEvaluator
{
    private static readonly (string Name, int Feature)[] SupportiveCues =
    [
        ("validation", SupportFeatures.Validation),
        ("warmth", SupportFeatures.Warmth),
        ("reflection", SupportFeatures.Reflection),
        ("collaboration", SupportFeatures.Collaboration),
        ("next step", SupportFeatures.NextStep),
        ("self-disclosure", SupportFeatures.SelfDisclosure),
        ("takes up the person's words", SupportFeatures.Echo),
    ];

    private readonly SupportivenessOptions _options;

    /// <summary>Creates the scorer with <paramref name="options"/>, or the defaults.</summary>
    public SupportivenessEvaluator(SupportivenessOptions? options = null)
    {
        _options = options ?? new SupportivenessOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [ScorerNames.Supportiveness];

    /// <summary>Scores <paramref name="response"/> text, answering <paramref name="userMessage"/> when it is known.</summary>
    /// <param name="response">The turn to score.</param>
    /// <param name="userMessage">What the person said just before, or <see langword="null"/>: a response that takes up the
    /// person's own words scores a little higher, one that takes up none a little lower.</param>
    public TextScore Score(string? response, string? userMessage = null)
    {
        var plain = PlainText.Of(response);
        if (plain.Length == 0)
        {
            return new TextScore(0, "empty response");
        }

        var text = PlainText.Normalize(plain);
        Span<double> features = stackalloc double[SupportFeatures.Count];
        var context = Context(userMessage);
        SupportFeatures.Extract(text, TextShape.Measure(plain).Words, context, features);
        var score = SupportivenessModel.Score(features, withContext: context.Length > 0);
        StringBuilder? harmful = null;
        score -= Penalty(SupportLexicon.Dismissive(), text, _options.Dismissive, "dismissive", ref harmful);
        score -= Penalty(SupportLexicon.Blaming(), text, _options.Blaming, "blaming", ref harmful);
        score -= Penalty(SupportLexicon.Preachy(), text, _options.Preachy, "preachy", ref harmful);
        if (features[SupportFeatures.Minimizing] > 0)
        {
            Append(ref harmful, "minimizing");
        }

        return new TextScore(Math.Clamp(score, 0, 1), Explain(features, harmful, text));
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
        var score = Score(modelResponse.Text, messages?.LastOrDefault(m => m.Role == ChatRole.User)?.Text);
        return new(new EvaluationResult(
            ScoreInterpretation.CreateMetric(ScorerNames.Supportiveness, score.Value, score.Reason, _options.PassThreshold)));
    }

    /// <summary>Fills <paramref name="features"/> for <paramref name="response"/>; returns false for an empty response.</summary>
    internal static bool Features(string? response, string? userMessage, Span<double> features)
    {
        var plain = PlainText.Of(response);
        if (plain.Length == 0)
        {
            features.Clear();
            return false;
        }

        SupportFeatures.Extract(PlainText.Normalize(plain), TextShape.Measure(plain).Words, Context(userMessage), features);
        return true;
    }

    private static string Context(string? userMessage) => userMessage is null ? "" : PlainText.Normalize(PlainText.Of(userMessage));

    // Each unnegated cue costs the penalty, at most twice.
    private static double Penalty(System.Text.RegularExpressions.Regex pattern, string text, double weight, string name, ref StringBuilder? harmful)
    {
        var hits = 0;
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (!SupportLexicon.IsNegated(text, match.Index) && ++hits == 2)
            {
                break;
            }
        }

        if (hits == 0)
        {
            return 0;
        }

        Append(ref harmful, name);
        return weight * hits;
    }

    private static void Append(ref StringBuilder? builder, string name)
    {
        builder ??= new StringBuilder();
        if (builder.Length > 0)
        {
            builder.Append(", ");
        }

        builder.Append(name);
    }

    private static string Explain(ReadOnlySpan<double> features, StringBuilder? harmful, string text)
    {
        StringBuilder? found = null;
        foreach (var (name, feature) in SupportiveCues)
        {
            if (features[feature] > 0)
            {
                Append(ref found, name);
            }
        }

        if (found is null && harmful is null)
        {
            return !LooksEnglish(text) ? "no English cues found (the offline model reads English cues)"
                : features[1] < 1 ? "too short to support (under 5 words), no supportive cues"
                : "no supportive or harmful cues";
        }

        var reason = found is null ? "no supportive cues" : "shows " + found;
        return harmful is null ? reason : reason + "; but " + harmful;
    }

    // Most letters ASCII: English or a language the lexicon could at least partly match.
    private static bool LooksEnglish(string text)
    {
        int ascii = 0, letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (c < 128)
                {
                    ascii++;
                }
            }
        }

        return letters == 0 || ascii * 10 >= letters * 9;
    }
}
