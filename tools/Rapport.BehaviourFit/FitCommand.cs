using System.Globalization;
using System.Text;
using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>fit: chooses each model's settings on the self-written validation split, reports test figures, writes the weights file.</summary>
internal static class FitCommand
{
    public static string Run(string repository, string? shared)
    {
        using var embedder = new EmbeddingCache();
        var data = Training.Load(repository, shared, embedder, trainOnly: false);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Rows: self-written train {data.SelfTrain.Pairs.Count}, valid {data.SelfValid!.Pairs.Count}, test {data.SelfTest!.Pairs.Count}; ESConv train {data.EsconvTrain?.Pairs.Count ?? 0}, valid {data.EsconvValid?.Pairs.Count ?? 0}, test {data.EsconvTest?.Pairs.Count ?? 0}");
        var chosen = new Dictionary<BehaviourModelKind, (FitSettings Settings, double[] Weights)>();
        foreach (var kind in new[] { BehaviourModelKind.Lexical, BehaviourModelKind.MiniLm })
        {
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {kind} model: validation grid").AppendLine();
            (FitSettings Settings, double[] Weights, double Score)? best = null;
            foreach (var esconvWeight in data.EsconvTrain is null ? [0] : FitSettings.EsconvWeights)
            {
                foreach (var lambda in FitSettings.Lambdas)
                {
                    var settings = new FitSettings(lambda, esconvWeight);
                    var weights = data.Fit(kind, settings);
                    var valid = Evaluate(weights, data.SelfValid, kind);
                    var esconv = data.EsconvValid is null ? null : Evaluate(weights, data.EsconvValid, kind);
                    report.AppendLine(CultureInfo.InvariantCulture, $"- lambda {lambda}, ESConv weight {esconvWeight}: self-written valid {valid.Summary()}; ESConv valid macro F1 {esconv?.MacroF1:0.000}");
                    Console.Error.WriteLine(report.ToString().Split('\n')[^2]);
                    // Chosen on both validation splits: the self-written codes, and ESConv's real conversations.
                    var score = esconv is null ? valid.MacroF1 : (valid.MacroF1 + esconv.MacroF1) / 2;
                    if (best is null || score > best.Value.Score)
                    {
                        best = (settings, weights, score);
                    }
                }
            }

            chosen[kind] = (best!.Value.Settings, best.Value.Weights);
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Chosen: {best.Value.Settings}").AppendLine();
            Describe(report, "self-written test", Evaluate(best.Value.Weights, data.SelfTest, kind), data.SelfTest, best.Value.Weights, kind);
            if (data.EsconvTest is not null)
            {
                Describe(report, "ESConv test (mapped codes)", Evaluate(best.Value.Weights, data.EsconvTest, kind), data.EsconvTest, best.Value.Weights, kind);
            }
        }

        var usesEsconv = chosen.Values.Any(c => c.Settings.EsconvWeight > 0);
        var file = WeightsFile.Render(usesEsconv ? data.Sources : data.Sources.Take(1).ToList(), chosen[BehaviourModelKind.Lexical].Settings, chosen[BehaviourModelKind.MiniLm].Settings,
            chosen[BehaviourModelKind.Lexical].Weights, chosen[BehaviourModelKind.MiniLm].Weights);
        File.WriteAllText(Path.Combine(repository, WeightsFile.RelativePath(repository)), file, new UTF8Encoding(false));
        return report.AppendLine().AppendLine($"Wrote {WeightsFile.RelativePath(repository)}").ToString();
    }

    public static Evaluation Evaluate(double[] weights, FeatureTable table, BehaviourModelKind kind) =>
        new(table.Labels, Fitter.Predict(weights, table.Rows(kind)));

    private static void Describe(StringBuilder report, string name, Evaluation evaluation, FeatureTable table, double[] weights, BehaviourModelKind kind)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"### {name}: {evaluation.Summary()}").AppendLine().Append(evaluation.Table()).AppendLine();
        report.AppendLine(LengthBands.Describe(table, Fitter.Probabilities(weights, table.Rows(kind)))).AppendLine();
    }
}
