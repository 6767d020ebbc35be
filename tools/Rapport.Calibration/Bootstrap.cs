namespace Rapport.Calibration;

/// <summary>A value with its 95% bootstrap interval.</summary>
internal readonly record struct Estimate(double Value, double Low, double High)
{
    public override string ToString() => double.IsNaN(Value) ? "n/a" : double.IsNaN(Low) ? $"{Value:0.000}" : $"{Value:0.000} ({Low:0.00} to {High:0.00})";

    public string Signed() => double.IsNaN(Low) ? Sign(Value, 3) : $"{Sign(Value, 3)} ({Sign(Low, 2)} to {Sign(High, 2)})";

    // Rounds first so a value just below zero prints as +0.00, not as a signed zero.
    private static string Sign(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals) + 0.0;
        return rounded.ToString(decimals == 3 ? "+0.000;-0.000;+0.000" : "+0.00;-0.00;+0.00", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Percentile bootstrap over clusters (a dialog, or a CounselChat question), so correlated items move together.</summary>
/// <remarks>The same resamples serve every scorer, so the interval of a difference between two scorers is paired.</remarks>
internal static class Bootstrap
{
    public static int Resamples { get; set; } = 2000;

    /// <summary>AUC of each scorer, and of the first minus the last, for items with scores per scorer.</summary>
    public static (Estimate[] Scorers, Estimate Difference) Auc(IReadOnlyList<(bool Better, double[] Scores, int Cluster)> items)
    {
        var k = items[0].Scores.Length;
        var clusters = items.GroupBy(i => i.Cluster).Select(g => g.ToArray()).ToArray();
        double Measure(IEnumerable<(bool Better, double[] Scores, int Cluster)> sample, int s) =>
            Calibration.Auc.Of(sample.Select(i => (i.Better, i.Scores[s])).ToList());
        var point = Enumerable.Range(0, k).Select(s => Measure(items, s)).ToArray();
        var random = new Random(20261124);
        var draws = new double[k + 1][];
        for (var s = 0; s <= k; s++)
        {
            draws[s] = new double[Resamples];
        }

        for (var b = 0; b < Resamples; b++)
        {
            var sample = new List<(bool Better, double[] Scores, int Cluster)>(items.Count);
            for (var c = 0; c < clusters.Length; c++)
            {
                sample.AddRange(clusters[random.Next(clusters.Length)]);
            }

            for (var s = 0; s < k; s++)
            {
                draws[s][b] = Measure(sample, s);
            }

            draws[k][b] = draws[0][b] - draws[k - 1][b];
        }

        return ([.. Enumerable.Range(0, k).Select(s => Interval(point[s], draws[s]))], Interval(point[0] - point[k - 1], draws[k]));
    }

    /// <summary>Pairwise accuracy (the AUC of pairs) per scorer over clusters of pair outcomes (1, 0.5 for a tie, 0).</summary>
    public static (Estimate[] Scorers, Estimate Difference) Pairs(IReadOnlyList<double[][]> clusters)
    {
        var k = clusters.First(c => c.Length > 0)[0].Length;
        double Measure(IEnumerable<double[][]> sample, int s)
        {
            double sum = 0, count = 0;
            foreach (var cluster in sample)
            {
                foreach (var pair in cluster)
                {
                    sum += pair[s];
                    count++;
                }
            }

            return sum / count;
        }

        var point = Enumerable.Range(0, k).Select(s => Measure(clusters, s)).ToArray();
        var random = new Random(20261124);
        var draws = Enumerable.Range(0, k + 1).Select(_ => new double[Resamples]).ToArray();
        for (var b = 0; b < Resamples; b++)
        {
            var sample = Enumerable.Range(0, clusters.Count).Select(_ => clusters[random.Next(clusters.Count)]).ToList();
            for (var s = 0; s < k; s++)
            {
                draws[s][b] = Measure(sample, s);
            }

            draws[k][b] = draws[0][b] - draws[k - 1][b];
        }

        return ([.. Enumerable.Range(0, k).Select(s => Interval(point[s], draws[s]))], Interval(point[0] - point[k - 1], draws[k]));
    }

    private static Estimate Interval(double point, double[] draws)
    {
        if (draws.Length == 0)
        {
            return new Estimate(point, double.NaN, double.NaN);
        }

        var sorted = draws.Where(d => !double.IsNaN(d)).Order().ToArray();
        return sorted.Length == 0 ? new Estimate(point, double.NaN, double.NaN)
            : new Estimate(point, sorted[(int)(0.025 * (sorted.Length - 1))], sorted[(int)Math.Ceiling(0.975 * (sorted.Length - 1))]);
    }
}
