using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>Fits one behaviour model on the self-written training rows plus weighted ESConv training rows, and predicts with it.</summary>
internal static class Fitter
{
    public static double[] Fit(FeatureTable self, FeatureTable? esconv, BehaviourModelKind kind, FitSettings settings)
    {
        var rows = self.Rows(kind).ToList();
        var labels = self.Labels.ToList();
        var weights = Enumerable.Repeat(1.0, rows.Count).ToList();
        if (esconv is not null && settings.EsconvWeight > 0)
        {
            var each = settings.EsconvWeight * self.Pairs.Count / esconv.Pairs.Count;
            rows.AddRange(esconv.Rows(kind));
            labels.AddRange(esconv.Labels);
            weights.AddRange(Enumerable.Repeat(each, esconv.Pairs.Count));
        }
        else if (settings.EsconvWeight > 0)
        {
            throw new InvalidOperationException("The fit needs the ESConv rows (EsconvWeight > 0) but none were loaded.");
        }

        return SoftmaxRegression.Fit([.. rows], [.. labels], [.. weights], BehaviourCodes.Count, settings.Lambda);
    }

    public static int[] Predict(double[] weights, double[][] rows)
    {
        var model = new BehaviourModel(rows[0].Length, weights);
        var probabilities = new double[BehaviourCodes.Count];
        var result = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            model.Predict(rows[i], probabilities);
            result[i] = Array.IndexOf(probabilities, probabilities.Max());
        }

        return result;
    }

    public static double[][] Probabilities(double[] weights, double[][] rows)
    {
        var model = new BehaviourModel(rows[0].Length, weights);
        return [.. rows.Select(r =>
        {
            var p = new double[BehaviourCodes.Count];
            model.Predict(r, p);
            return p;
        })];
    }
}
