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
        var text = new StringBuilder("| words | n | mean supportiveness | mean of the true codes' values |\n|---|---:|---:|---:|\n");
        var means = new List<double>();
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
            if (rows.Count >= 20)
            {
                means.Add(mean);
            }

            text.Append(CultureInfo.InvariantCulture, $"| {from}-{(to == int.MaxValue ? "" : to)} | {rows.Count} | {mean:0.000} | {truth:0.000} |\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"\nSpread of the band means (bands of 20 or more): {means.Max() - means.Min():0.000}").ToString();
    }

    public static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
