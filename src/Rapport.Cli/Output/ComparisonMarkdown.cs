using System.Globalization;
using System.Text;
using Rapport.Evaluation.Comparison;

namespace Rapport.Cli.Output;

/// <summary>Writes a comparison as a Markdown report: leaderboard, changes per metric, changes per case.</summary>
internal static class ComparisonMarkdown
{
    public static string Render(RunComparison comparison, IReadOnlyList<string> metrics)
    {
        var runs = comparison.Runs;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Evaluation comparison: {runs[0].Dataset}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Baseline: `{runs[0].RunId}` ({runs[0].Target}). Cells: mean ± sd (pass rate); * best mean.").AppendLine();
        text.Append("| run | target | ").Append(string.Join(" | ", metrics)).AppendLine(" | latency mean / p95 | failures |");
        text.Append("|---|---|").Append(string.Concat(metrics.Select(_ => "---:|"))).AppendLine("---:|---:|");
        foreach (var run in runs)
        {
            var cells = metrics.Select(m => $"{EvalFormat.MeanSpread(run.Metric(m))} ({EvalFormat.Percent(run.Metric(m)?.PassRate)}){(EvalFormat.Best(runs, m)?.RunId == run.RunId ? " *" : "")}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{run.RunId}` | {run.Target} | {string.Join(" | ", cells)} | {EvalFormat.Ms(run.LatencyMeanMs)} / {EvalFormat.Ms(run.LatencyP95Ms)} | {run.TargetErrors + run.FailedScores} |");
        }

        text.AppendLine().AppendLine("## Change of the mean against the baseline").AppendLine();
        text.AppendLine("| run | metric | change | verdict |").AppendLine("|---|---|---:|---|");
        foreach (var change in comparison.MetricChanges)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{change.RunId}` | {change.Metric} | {EvalFormat.Delta(change.MeanDelta)} | {EvalFormat.Verdict(change.Verdict)} |");
        }

        foreach (var (runId, changes) in comparison.CaseChanges)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## Cases that changed in `{runId}`").AppendLine();
            text.AppendLine("| case | better | worse |").AppendLine("|---|---|---|");
            foreach (var group in changes.GroupBy(c => c.CaseId))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {group.Key} | {EvalTables.Describe(group, ChangeVerdict.Better)} | {EvalTables.Describe(group, ChangeVerdict.Worse)} |");
            }
        }

        return text.ToString();
    }
}
