using System.Globalization;
using System.Text;
using Rapport.Evaluation.Internal;
using Rapport.Evaluation.Scorers;

namespace Rapport.Calibration;

/// <summary>Fits the supportiveness model on the training splits and chooses its settings on the validation splits.</summary>
/// <remarks>
/// Training rows: every supporter turn of ESConv train (target 1: its dialog ended with lower distress) and of the
/// FailedESConv train dialogs (target 0), each class weighing half; optionally CounselChat train answer pairs as
/// pairwise rows (the more upvoted answer's features minus the other's, target 1, and mirrored), weighing alpha in
/// total. Supportive cue families must not get a negative weight and harmful ones no positive weight.
/// </remarks>
internal static class Fit
{
    private static readonly double[] Lambdas = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
    private static readonly double[] Alphas = [0, 0.25, 1];

    public static double WordCount(Turn turn) => turn.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    public static string Run(DataSets data)
    {
        var cache = new Dictionary<Turn, double[]?>();
        double[]? Features(Turn turn)
        {
            if (!cache.TryGetValue(turn, out var f))
            {
                f = new double[SupportFeatures.Count];
                cache[turn] = SupportivenessEvaluator.Features(turn.Text, turn.Before, f) ? f : null;
            }

            return f;
        }

        var positives = data.Esconv[Splits.Train].SelectMany(d => d.Turns).Select(Features).OfType<double[]>().ToList();
        var negatives = data.FailedDialogs.Where(d => Splits.Of(d.Index) == Splits.Train).SelectMany(d => d.Turns)
            .Select(Features).OfType<double[]>().ToList();
        var pairs = new List<double[]>();
        foreach (var question in data.Questions.Where(q => Splits.Of(q.Id) == Splits.Train))
        {
            foreach (var better in question.Answers)
            {
                foreach (var worse in question.Answers.Where(w => better.Upvotes > w.Upvotes))
                {
                    if (Features(new Turn(better.Text, question.Text)) is { } b && Features(new Turn(worse.Text, question.Text)) is { } w)
                    {
                        pairs.Add([.. b.Zip(w, (x, y) => x - y)]);
                    }
                }
            }
        }

        var signs = new int[SupportFeatures.Count];
        foreach (var supportive in new[] { SupportFeatures.Validation, SupportFeatures.Warmth, SupportFeatures.Reflection, SupportFeatures.Collaboration, SupportFeatures.NextStep, SupportFeatures.SelfDisclosure })
        {
            signs[supportive] = 1;
        }

        signs[SupportFeatures.Minimizing] = -1;
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"Training rows: {positives.Count} ESConv train turns, {negatives.Count} FailedESConv train turns, {pairs.Count} CounselChat train pairs.").AppendLine();
        output.AppendLine("| lambda | alpha | " + "valid: ESConv vs Failed | CounselChat pairs | empathy | MultiESC | Failed feedback | mean of primary |");
        output.AppendLine("|---|---|---|---|---|---|---|---|");
        var saved = Bootstrap.Resamples;
        Bootstrap.Resamples = 0;
        (double Score, double Lambda, double Alpha, double[] Weights)? best = null;
        foreach (var alpha in Alphas)
        {
            foreach (var lambda in Lambdas)
            {
                var rows = Rows(positives, negatives, pairs, alpha);
                var w = Logistic.Fit(rows, SupportFeatures.Count, lambda, signs);
                var report = new Report([("model", t => Features(t) is { } f ? Logistic.Dot(w, f) : -10), ("length-only", WordCount)]);
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
        output.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Chosen on validation: lambda {chosen.Lambda}, alpha {chosen.Alpha}. Weights (paste into SupportivenessModel.Weights):").AppendLine();
        for (var j = 0; j < SupportFeatures.Count; j++)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"    {chosen.Weights[j]:0.000}, // {SupportFeatures.Names[j]}");
        }

        string Quantiles(List<double[]> xs)
        {
            var z = xs.Select(x => Logistic.Dot(chosen.Weights, x)).Order().ToArray();
            return string.Join(", ", new[] { 0.05, 0.25, 0.5, 0.75, 0.95 }.Select(q => z[(int)(q * (z.Length - 1))].ToString("0.000", CultureInfo.InvariantCulture)));
        }

        output.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Logit quantiles (5, 25, 50, 75, 95%): ESConv train turns {Quantiles(positives)}; FailedESConv train turns {Quantiles(negatives)}.");
        var full = new Report([("model", t => Features(t) is { } f ? Logistic.Dot(chosen.Weights, f) : -10), ("length-only", WordCount)]);
        data.Compare(full, Splits.Valid);
        output.AppendLine().Append(full.ToMarkdown("validation splits, chosen model before penalties"));
        return output.ToString();
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
