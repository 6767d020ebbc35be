using System.Text;

namespace Rapport.Calibration;

/// <summary>Collects comparisons and prints them as a Markdown table: scorer AUC versus the length baseline.</summary>
internal sealed class Report
{
    private readonly List<(string Name, int Positives, int Negatives, (double, double, double) Scorer, (double, double, double) Length)> _rows = [];

    public void Add<T>(string name, List<T> better, List<T> worse, Func<T, double> scorer, Func<T, double> length) =>
        _rows.Add((name, better.Count, worse.Count,
            Auc.Of(better.Select(scorer).ToList(), worse.Select(scorer).ToList()),
            Auc.Of(better.Select(length).ToList(), worse.Select(length).ToList())));

    public void AddPairs(string name, List<List<(string Text, int Upvotes)>> groups, Func<string, double> scorer, Func<string, double> length)
    {
        var s = new List<double>();
        var l = new List<double>();
        foreach (var group in groups)
        {
            var scores = group.Select(a => (a.Upvotes, S: scorer(a.Text), L: length(a.Text))).ToList();
            for (var i = 0; i < scores.Count; i++)
            {
                for (var j = 0; j < scores.Count; j++)
                {
                    if (scores[i].Upvotes > scores[j].Upvotes)
                    {
                        s.Add(Compare(scores[i].S, scores[j].S));
                        l.Add(Compare(scores[i].L, scores[j].L));
                    }
                }
            }
        }

        _rows.Add((name, s.Count, s.Count, Interval(s), Interval(l)));
    }

    public string ToMarkdown(string title)
    {
        var text = new StringBuilder();
        text.AppendLine($"Supportiveness separation on the {title}: AUC (95% interval), 0.5 = chance.").AppendLine();
        text.AppendLine("| comparison | better n | worse n | supportiveness AUC | length-only AUC |");
        text.AppendLine("|---|---:|---:|---|---|");
        foreach (var row in _rows)
        {
            text.AppendLine($"| {row.Name} | {row.Positives} | {row.Negatives} | {Format(row.Scorer)} | {Format(row.Length)} |");
        }

        return text.ToString();
    }

    private static double Compare(double a, double b) => a > b ? 1 : a == b ? 0.5 : 0;

    private static (double, double, double) Interval(List<double> outcomes)
    {
        var mean = outcomes.Average();
        var se = Math.Sqrt(outcomes.Select(x => (x - mean) * (x - mean)).Sum() / outcomes.Count / outcomes.Count);
        return (mean, mean - 1.96 * se, mean + 1.96 * se);
    }

    private static string Format((double Auc, double Low, double High) x) => $"{x.Auc:0.000} ({x.Low:0.00}-{x.High:0.00})";
}
