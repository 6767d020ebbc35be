using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Embeddings;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Scorers;

/// <summary>Scores how supportive a turn is from what it does (its counselling behaviour), read with the person's previous message.</summary>
/// <remarks>
/// A <see cref="BehaviourClassifier"/> gives the probability of each behaviour code (reflection, question, affirmation,
/// advice with or without permission, persuading, ...); the score is the expected value of those behaviours
/// (<see cref="BehaviourSupport"/>): complex reflections highest, advice the person asked for not penalised, advice
/// without permission and confronting lowest. Length is not a feature of the score (brevity scores it). Unnegated
/// dismissive or blaming language also subtracts a fixed penalty (<see cref="SupportivenessOptions"/>). With the
/// all-MiniLM-L6-v2 embedder <see cref="EvaluateAsync"/> runs the embedding model; otherwise, and in
/// <see cref="Score"/>, the lexical model runs. The metric's metadata carries the predicted code
/// (<c>behaviour_code</c>), the model (<c>behaviour_model</c>) and every code's probability (<c>p_&lt;code&gt;</c>).
/// English only. Thread-safe when the embedder is.
/// </remarks>
public sealed class SupportivenessEvaluator : IEvaluator
{
    /// <summary>The metadata key of the predicted behaviour code.</summary>
    public const string CodeMetadata = "behaviour_code";

    /// <summary>The metadata key of the model that ran (<c>lexical</c> or <c>minilm</c>).</summary>
    public const string ModelMetadata = "behaviour_model";

    private readonly SupportivenessOptions _options;
    private readonly Lazy<BehaviourClassifier> _lazyClassifier;

    /// <summary>Creates the scorer with <paramref name="options"/> (or the defaults) and an optional <paramref name="embedder"/>.</summary>
    /// <param name="options">Penalties and the pass threshold.</param>
    /// <param name="embedder">all-MiniLM-L6-v2 for the embedding model; <see langword="null"/>, the hashing fallback or another model
    /// runs the lexical model.</param>
    public SupportivenessEvaluator(SupportivenessOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        _options = options ?? new SupportivenessOptions();
        _options.Validate();
        _lazyClassifier = new Lazy<BehaviourClassifier>(new BehaviourClassifier(embedder));
    }

    /// <summary>Creates the scorer with an embedder made on first use (so that building a loop never loads a model it may not need).</summary>
    /// <param name="options">Penalties and the pass threshold.</param>
    /// <param name="embedderFactory">Returns all-MiniLM-L6-v2 for the embedding model; <see langword="null"/>, the hashing fallback or
    /// another model runs the lexical model. Called once, on the first score.</param>
    public SupportivenessEvaluator(SupportivenessOptions? options, Func<IEmbeddingGenerator<string, Embedding<float>>?> embedderFactory)
    {
        ArgumentNullException.ThrowIfNull(embedderFactory);
        _options = options ?? new SupportivenessOptions();
        _options.Validate();
        _lazyClassifier = new Lazy<BehaviourClassifier>(() => new BehaviourClassifier(embedderFactory()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private BehaviourClassifier Classifier => _lazyClassifier.Value;

    /// <summary>Gets the classifier's model and why (for example <c>lexical model (no embedder)</c>).</summary>
    public string ModelNote => Classifier.ModelNote;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [ScorerNames.Supportiveness];

    /// <summary>Scores <paramref name="response"/> with the lexical model, answering <paramref name="userMessage"/> when it is known.</summary>
    public TextScore Score(string? response, string? userMessage = null)
    {
        var plain = PlainText.Of(response);
        return plain.Length == 0 ? new TextScore(0, "empty response")
            : ScoreClassified(plain, BehaviourClassifier.ClassifyLexical(userMessage, plain), "lexical model").Score;
    }

    /// <summary>Scores <paramref name="response"/> with this scorer's model; also returns the behaviour prediction (null when empty).</summary>
    public Task<(TextScore Score, BehaviourPrediction? Behaviour)> ScoreAsync(string? response, string? userMessage, CancellationToken cancellationToken = default) =>
        ScoreAsync(response, userMessage, null, cancellationToken);

    /// <summary>Scores <paramref name="response"/> with this scorer's model, taking the vectors in <paramref name="known"/> (by the
    /// same model) instead of embedding their texts again; also returns the behaviour prediction (null when empty).</summary>
    public async Task<(TextScore Score, BehaviourPrediction? Behaviour)> ScoreAsync(
        string? response, string? userMessage, KnownEmbeddings? known, CancellationToken cancellationToken = default)
    {
        var plain = PlainText.Of(response);
        if (plain.Length == 0)
        {
            return (new TextScore(0, "empty response"), null);
        }

        var prediction = await Classifier.ClassifyAsync(userMessage, plain, known, cancellationToken).ConfigureAwait(false);
        return (ScoreClassified(plain, prediction, Classifier.ModelNote).Score, prediction);
    }

    /// <summary>Scores an already classified turn (for example by the conversation scorer).</summary>
    internal (TextScore Score, BehaviourPrediction Behaviour) ScoreClassified(string plain, BehaviourPrediction prediction, string modelNote)
    {
        var text = PlainText.Normalize(plain);
        var score = prediction.Supportiveness;
        StringBuilder? harmful = null;
        score -= Penalty(SupportLexicon.Dismissive(), text, _options.Dismissive, "dismissive", ref harmful);
        score -= Penalty(SupportLexicon.Blaming(), text, _options.Blaming, "blaming", ref harmful);
        score -= Penalty(SupportLexicon.Preachy(), text, _options.Preachy, "preachy", ref harmful);
        var reason = new StringBuilder(Describe(prediction)).Append(" (").Append(modelNote).Append(')');
        if (harmful is not null)
        {
            reason.Append("; but ").Append(harmful);
        }

        if (!LooksEnglish(text))
        {
            reason.Append("; the text does not look English and the behaviour model reads English");
        }

        return (new TextScore(Math.Clamp(score, 0, 1), reason.ToString()), prediction);
    }

    /// <inheritdoc/>
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        var previous = messages?.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        var (score, behaviour) = await ScoreAsync(modelResponse.Text, previous, KnownEmbeddings.In(additionalContext), cancellationToken).ConfigureAwait(false);
        var metric = ScoreInterpretation.CreateMetric(ScorerNames.Supportiveness, score.Value, score.Reason, _options.PassThreshold);
        if (behaviour is not null)
        {
            AddMetadata(metric, behaviour);
        }

        return new EvaluationResult(metric);
    }

    /// <summary>Adds the predicted code, the model and every code's probability to <paramref name="metric"/>'s metadata.</summary>
    internal static void AddMetadata(EvaluationMetric metric, BehaviourPrediction behaviour)
    {
        metric.AddOrUpdateMetadata(CodeMetadata, BehaviourCodes.Name(behaviour.Code));
        metric.AddOrUpdateMetadata(ModelMetadata, behaviour.Model == BehaviourModelKind.MiniLm ? "minilm" : "lexical");
        foreach (var code in BehaviourCodes.All)
        {
            metric.AddOrUpdateMetadata("p_" + BehaviourCodes.Name(code),
                behaviour.Probability(code).ToString("0.000", CultureInfo.InvariantCulture));
        }
    }

    private static string Describe(BehaviourPrediction prediction)
    {
        var ranked = BehaviourCodes.All.OrderByDescending(prediction.Probability).Take(2).ToList();
        var text = string.Create(CultureInfo.InvariantCulture, $"{BehaviourCodes.Name(ranked[0]).Replace('_', ' ')} {prediction.Probability(ranked[0]):0.00}");
        return prediction.Probability(ranked[1]) >= 0.15
            ? text + string.Create(CultureInfo.InvariantCulture, $", {BehaviourCodes.Name(ranked[1]).Replace('_', ' ')} {prediction.Probability(ranked[1]):0.00}")
            : text;
    }

    // Each unnegated cue costs the penalty, at most twice.
    private static double Penalty(System.Text.RegularExpressions.Regex pattern, string text, double weight, string name, ref StringBuilder? harmful)
    {
        if (weight == 0)
        {
            return 0;
        }

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

        harmful ??= new StringBuilder();
        harmful.Append(harmful.Length > 0 ? ", " : "").Append(name);
        return weight * hits;
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
                ascii += c < 128 ? 1 : 0;
            }
        }

        return letters == 0 || ascii * 10 >= letters * 9;
    }
}
