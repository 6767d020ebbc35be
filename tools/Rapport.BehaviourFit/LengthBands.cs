using System.Globalization;
using System.Text;
using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>Mean supportiveness per word-count band: the score must not rise with length (flat within 0.05).</summary>
internal static class LengthBands
{
    private static readonly (int From, int To)[] Bands = [(1, 3), (4, 7), (8, 15), (16, 30), (31, int.MaxValue)];

    public static string Describe(FeatureTable table, double[][] probabilities)
    {
        var text = new StringBuilder("| words | n | mean supportiveness | mean of the true codes' values | same code, other length: mean difference from the code's mean score |\n|---|---:|---:|---:|---:|\n");
        var means = new List<double>();
        var residuals = new List<double>();
        var codeMeans = Enumerable.Range(0, table.Pairs.Count).GroupBy(i => table.Pairs[i].Code)
            .ToDictionary(g => g.Key, g => g.Average(i => BehaviourSupport.Score(probabilities[i])));
        foreach (var (from, to) in Bands)
        {
            var rows = Enumerable.Range(0, table.Pairs.Count)
                .Where(i => WordCount(table.Pairs[i].Turn) is var w && w >= from && w <= to).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var mean = rows.Average(i => BehaviourSupport.Score(probabilities[i]));
            var truth = rows.Average(i => BehaviourSupport.Value(table.Pairs[i].Code));
            var residual = rows.Average(i => BehaviourSupport.Score(probabilities[i]) - codeMeans[table.Pairs[i].Code]);
            if (rows.Count >= 20)
            {
                means.Add(mean);
                residuals.Add(residual);
            }

            text.Append(CultureInfo.InvariantCulture, $"| {from}-{(to == int.MaxValue ? "" : to)} | {rows.Count} | {mean:0.000} | {truth:0.000} | {(residual >= 0 ? "+" : "")}{residual:0.000} |\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"\nSpread of the band means (bands of 20 or more): {means.Max() - means.Min():0.000}; with the code held fixed: {residuals.Max() - residuals.Min():0.000}").ToString();
    }

    public static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
