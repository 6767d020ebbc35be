using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Scorers;

/// <summary>Scores how supportive a turn is, offline and deterministically, from English cue patterns.</summary>
/// <remarks>
/// Rewards validation of feelings, warmth, reflection, collaborative non-judgmental language and a concrete gentle
/// next step; penalizes dismissive, blaming, preachy and minimizing language (see <see cref="SupportivenessOptions"/>).
/// Markup is stripped first. An empty response scores 0; text without English cues scores the baseline and says
/// so. Thread-safe; the result's single metric is <see cref="ScorerNames.Supportiveness"/>.
/// </remarks>
public sealed class SupportivenessEvaluator : IEvaluator
{
    private readonly SupportivenessOptions _options;
    private readonly (string Name, Regex Pattern, double Weight, bool Penalty)[] _categories;

    /// <summary>Creates the scorer with <paramref name="options"/>, or the calibrated defaults.</summary>
    public SupportivenessEvaluator(SupportivenessOptions? options = null)
    {
        _options = options ?? new SupportivenessOptions();
        _options.Validate();
        _categories =
        [
            ("validation", SupportLexicon.Validation(), _options.Validation, false),
            ("warmth", SupportLexicon.Warmth(), _options.Warmth, false),
            ("reflection", SupportLexicon.Reflection(), _options.Reflection, false),
            ("collaboration", SupportLexicon.Collaboration(), _options.Collaboration, false),
            ("next step", SupportLexicon.NextStep(), _options.NextStep, false),
            ("dismissive", SupportLexicon.Dismissive(), _options.Dismissive, true),
            ("blaming", SupportLexicon.Blaming(), _options.Blaming, true),
            ("preachy", SupportLexicon.Preachy(), _options.Preachy, true),
            ("minimizing", SupportLexicon.Minimizing(), _options.Minimizing, true),
        ];
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [ScorerNames.Supportiveness];

    /// <summary>Scores <paramref name="response"/> text.</summary>
    public TextScore Score(string? response)
    {
        var plain = PlainText.Of(response);
        if (plain.Length == 0)
        {
            return new TextScore(0, "empty response");
        }

        var text = PlainText.Normalize(plain);
        var words = TextShape.Measure(plain).Words;
        var score = _options.Baseline + (_options.Substance * Math.Min(1.0, (double)words / _options.SubstanceWords));
        StringBuilder? found = null;
        StringBuilder? harmful = null;
        foreach (var (name, pattern, weight, penalty) in _categories)
        {
            var hits = penalty ? CountUnnegated(pattern, text) : pattern.Count(text);
            if (hits == 0)
            {
                continue;
            }

            if (penalty)
            {
                score -= weight * Math.Min(hits, 2);
                Append(ref harmful, name);
            }
            else
            {
                score += hits > 1 ? weight * 1.25 : weight;
                Append(ref found, name);
            }
        }

        return new TextScore(Math.Clamp(score, 0, 1), Explain(found, harmful, text));
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
            ScoreInterpretation.CreateMetric(ScorerNames.Supportiveness, score.Value, score.Reason, _options.PassThreshold)));
    }

    private static int CountUnnegated(Regex pattern, string text)
    {
        var hits = 0;
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (!SupportLexicon.IsNegated(text, match.Index))
            {
                hits++;
            }
        }

        return hits;
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

    private static string Explain(StringBuilder? found, StringBuilder? harmful, string text)
    {
        if (found is null && harmful is null)
        {
            return LooksEnglish(text)
                ? "no supportive or harmful cues"
                : "no English cues found (the offline lexicon is English); baseline score";
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
