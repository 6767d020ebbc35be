using System.Globalization;
using System.Text;
using Rapport.Evaluation.Internal;
using Rapport.Evaluation.Scorers;

namespace Rapport.Calibration;

/// <summary>Fits a supportiveness model on the training splits and chooses its settings on the validation splits.</summary>
/// <remarks>
/// Training rows: every supporter turn of ESConv train (target 1: its dialog ended with lower distress) and of the
/// FailedESConv train dialogs (target 0), each class weighing half; and CounselChat train answer pairs as pairwise rows
/// (the more upvoted answer's features minus the other's, target 1, and mirrored), weighing alpha in total. Weights
/// with a required sign (supportive cue families at least 0, minimizing at most 0) are held to it. The setting
/// (lambda, alpha) with the best mean AUC of the two primary comparisons on the validation splits is chosen.
/// </remarks>
internal static class Fit
{
    private static readonly double[] Lambdas = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
    private static readonly double[] Alphas = [0, 0.25, 1];

    public static double WordCount(Turn turn) => turn.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The shipped model's features (<see cref="SupportFeatures"/>) of a turn, or null for an empty one.</summary>
    public static Func<Turn, double[]?> LexicalFeatures()
    {
        var cache = new Dictionary<Turn, double[]?>();
        return turn =>
        {
            if (!cache.TryGetValue(turn, out var f))
            {
                f = new double[SupportFeatures.Count];
                cache[turn] = f = SupportivenessEvaluator.Features(turn.Text, turn.Before, f) ? f : null;
            }

            return f;
        };
    }

    /// <summary>The required signs of the shipped model's weights.</summary>
    public static int[] LexicalSigns(int dims)
    {
        var signs = new int[dims];
        foreach (var supportive in new[] { SupportFeatures.Validation, SupportFeatures.Warmth, SupportFeatures.Reflection, SupportFeatures.Collaboration, SupportFeatures.NextStep, SupportFeatures.SelfDisclosure })
        {
            signs[supportive] = 1;
        }

        signs[SupportFeatures.Minimizing] = -1;
        return signs;
    }

    /// <summary>Fits the shipped model: the grid on validation, the chosen weights, single-feature AUCs on the training splits.</summary>
    public static string Run(DataSets data)
    {
        var features = LexicalFeatures();
        var (weights, output) = Choose(data, features, SupportFeatures.Names, LexicalSigns(SupportFeatures.Count));
        output.AppendLine().AppendLine("Single features on the training splits (AUC of the feature alone; dialogs score the mean over their turns):").AppendLine();
        output.AppendLine("| feature | ESConv train vs FailedESConv train dialogs | CounselChat train pairs |").AppendLine("|---|---|---|");
        var saved = Bootstrap.Resamples;
        Bootstrap.Resamples = 0;
        for (var j = 1; j < SupportFeatures.Count; j++)
        {
            var feature = j;
            var report = new Report([("feature", t => features(t)?[feature] ?? 0), ("length-only", WordCount)]);
            data.Compare(report, Splits.Train);
            output.AppendLine(CultureInfo.InvariantCulture, $"| {SupportFeatures.Names[j]} | {report.Rows[0].Scorers[0].Value:0.000} | {report.Rows[1].Scorers[0].Value:0.000} |");
        }

        foreach (var (name, probe) in Diagnostics.Features)
        {
            var report = new Report([("feature", t => probe(t)), ("length-only", WordCount)]);
            data.Compare(report, Splits.Train);
            output.AppendLine(CultureInfo.InvariantCulture, $"| {name} (not in the model) | {report.Rows[0].Scorers[0].Value:0.000} | {report.Rows[1].Scorers[0].Value:0.000} |");
        }

        var length = new Report([("length-only", WordCount)]);
        data.Compare(length, Splits.Train);
        output.AppendLine(CultureInfo.InvariantCulture, $"| (length-only baseline: word count) | {length.Rows[0].Scorers[0].Value:0.000} | {length.Rows[1].Scorers[0].Value:0.000} |");
        Bootstrap.Resamples = saved;
        output.AppendLine().AppendLine("Weights (paste into SupportivenessModel.Weights):").AppendLine();
        for (var j = 0; j < weights.Length; j++)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"    {weights[j]:0.000}, // {SupportFeatures.Names[j]}");
        }

        return output.ToString();
    }

    /// <summary>Fits every setting of the grid on the training splits and returns the weights of the best one on validation, with the grid as a table.</summary>
    public static (double[] Weights, StringBuilder Output) Choose(DataSets data, Func<Turn, double[]?> features, string[] names, int[] signs)
    {
        var positives = data.Esconv[Splits.Train].SelectMany(d => d.Turns).Select(features).OfType<double[]>().ToList();
        var negatives = data.FailedDialogs.Where(d => Splits.Of(d.Index) == Splits.Train).SelectMany(d => d.Turns)
            .Select(features).OfType<double[]>().ToList();
        var pairs = new List<double[]>();
        foreach (var question in data.Questions.Where(q => Splits.Of(q.Id) == Splits.Train))
        {
            foreach (var better in question.Answers)
            {
                foreach (var worse in question.Answers.Where(w => better.Upvotes > w.Upvotes))
                {
                    if (features(new Turn(better.Text, question.Text)) is { } b && features(new Turn(worse.Text, question.Text)) is { } w)
                    {
                        pairs.Add([.. b.Zip(w, (x, y) => x - y)]);
                    }
                }
            }
        }

        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"Training rows: {positives.Count} ESConv train turns, {negatives.Count} FailedESConv train turns, {pairs.Count} CounselChat train pairs.").AppendLine();
        output.AppendLine("| lambda | alpha | valid: ESConv vs Failed | CounselChat pairs | empathy | MultiESC | Failed feedback | mean of primary |");
        output.AppendLine("|---|---|---|---|---|---|---|---|");
        var saved = Bootstrap.Resamples;
        Bootstrap.Resamples = 0;
        (double Score, double Lambda, double Alpha, double[] Weights)? best = null;
        foreach (var alpha in Alphas)
        {
            var rows = Rows(positives, negatives, pairs, alpha);
            foreach (var lambda in Lambdas)
            {
                var w = Logistic.Fit(rows, names.Length, lambda, signs);
                var report = new Report([("model", t => features(t) is { } f ? Logistic.Dot(w, f) : -1e6), ("length-only", WordCount)]);
                data.Compare(report, Splits.Valid);
                var primary = report.Rows.Where(r => r.Primary).Average(r => r.Scorers[0].Value);
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"| {lambda} | {alpha} | {string.Join(" | ", report.Rows.Select(r => r.Scorers[0].Value.ToString("0.000", CultureInfo.InvariantCulture)))} | {primary:0.000} |");
                if (best is null || primary > best.Value.Score)
                {
                    best = (primary, lambda, alpha, w);
                }
            }
        }

        Bootstrap.Resamples = saved;
        var chosen = best!.Value;
        output.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Chosen on validation: lambda {chosen.Lambda}, alpha {chosen.Alpha}.");
        return (chosen.Weights, output);
    }

    private static List<Row> Rows(List<double[]> positives, List<double[]> negatives, List<double[]> pairs, double alpha)
    {
        var rows = new List<Row>(positives.Count + negatives.Count + (2 * pairs.Count));
        rows.AddRange(positives.Select(x => new Row(x, 1, 0.5 / positives.Count)));
        rows.AddRange(negatives.Select(x => new Row(x, 0, 0.5 / negatives.Count)));
        if (alpha > 0)
        {
            foreach (var d in pairs)
            {
                rows.Add(new Row(d, 1, alpha / 2 / pairs.Count));
                rows.Add(new Row([.. d.Select(v => -v)], 0, alpha / 2 / pairs.Count));
            }
        }

        return rows;
    }
}
