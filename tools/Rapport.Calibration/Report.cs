using System.Text;

namespace Rapport.Calibration;

/// <summary>One comparison of the report: AUC per scorer and the paired difference of the first scorer and the last (the baseline).</summary>
internal sealed record ReportRow(string Name, bool Primary, int Better, int Worse, Estimate[] Scorers, Estimate Difference);

/// <summary>Collects comparisons of better versus worse supporter text and prints them as a Markdown table.</summary>
/// <remarks>A dialog scores the mean of its turns. Intervals are 95% percentile bootstraps over dialogs or questions.</remarks>
internal sealed class Report(IReadOnlyList<(string Name, Func<Turn, double> Score)> scorers)
{
    private readonly List<ReportRow> _rows = [];

    public IReadOnlyList<ReportRow> Rows => _rows;

    /// <summary>Adds a comparison of items (one or more turns each) grouped in clusters for the bootstrap.</summary>
    public void Add(string name, bool primary, IEnumerable<(bool Better, IReadOnlyList<Turn> Turns, int Cluster)> items)
    {
        var scored = items.Select(i => (i.Better, scorers.Select(s => Mean(i.Turns, s.Score)).ToArray(), i.Cluster)).ToList();
        var (auc, difference) = Bootstrap.Auc(scored);
        _rows.Add(new ReportRow(name, primary, scored.Count(i => i.Better), scored.Count(i => !i.Better), auc, difference));
    }

    /// <summary>Adds every pair of answers to the same question with different upvotes (more upvotes = better).</summary>
    public void AddPairs(string name, bool primary, IEnumerable<Question> questions)
    {
        var clusters = new List<double[][]>();
        foreach (var question in questions)
        {
            var scores = question.Answers.Select(a => (a.Upvotes, S: scorers.Select(s => s.Score(new Turn(a.Text, question.Text))).ToArray())).ToList();
            var pairs = new List<double[]>();
            foreach (var better in scores)
            {
                foreach (var worse in scores.Where(w => better.Upvotes > w.Upvotes))
                {
                    pairs.Add([.. better.S.Zip(worse.S, Compare)]);
                }
            }

            clusters.Add([.. pairs]);
        }

        var (auc, difference) = Bootstrap.Pairs(clusters);
        var count = clusters.Sum(c => c.Length);
        _rows.Add(new ReportRow(name, primary, count, count, auc, difference));
    }

    public string ToMarkdown(string title)
    {
        var text = new StringBuilder();
        text.AppendLine($"Supportiveness separation on the {title}: AUC with 95% bootstrap interval; 0.5 = chance. Primary comparisons in bold.").AppendLine();
        text.AppendLine($"| comparison | better n | worse n | {string.Join(" | ", scorers.Select(s => s.Name + " AUC"))} | {scorers[0].Name} minus {scorers[^1].Name} |");
        text.AppendLine($"|---|---:|---:|{string.Concat(scorers.Select(_ => "---|"))}---|");
        foreach (var row in _rows)
        {
            var name = row.Primary ? $"**{row.Name}**" : row.Name;
            text.AppendLine($"| {name} | {row.Better} | {row.Worse} | {string.Join(" | ", row.Scorers.Select(s => s.ToString()))} | {row.Difference.Signed()} |");
        }

        return text.ToString();
    }

    private static double Mean(IReadOnlyList<Turn> turns, Func<Turn, double> score) => turns.Count == 0 ? 0 : turns.Average(score);

    private static double Compare(double a, double b) => a > b ? 1 : a == b ? 0.5 : 0;
}
