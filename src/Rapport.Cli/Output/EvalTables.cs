using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;
using Spectre.Console;

namespace Rapport.Cli.Output;

/// <summary>Terminal tables for evaluation runs and comparisons.</summary>
internal static class EvalTables
{
    /// <summary>One row per metric of one run.</summary>
    public static Table Metrics(RunSummary run)
    {
        var table = new Table().AddColumns("metric", "mean ± sd", "pass rate", "scored", "failed", "n/a");
        foreach (var m in run.Metrics)
        {
            table.AddRow(Markup.Escape(m.Name), EvalFormat.MeanSpread(m), EvalFormat.Percent(m.PassRate), EvalFormat.Count(m.Scored), EvalFormat.Count(m.Failed), EvalFormat.Count(m.NotApplicable));
        }

        return table;
    }

    /// <summary>One row per case with every metric's value.</summary>
    public static Table Cases(EvaluationRun run)
    {
        var table = new Table().AddColumn("case");
        foreach (var metric in run.Metrics)
        {
            table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
        }

        table.AddColumn(new TableColumn("latency").RightAligned()).AddColumn("error");
        foreach (var item in run.Cases)
        {
            var cells = new List<string> { Markup.Escape(item.CaseId) };
            cells.AddRange(run.Metrics.Select(m => item.Scores.FirstOrDefault(s => s.Name == m) is { } s ? (s.IsFailure ? "failed" : EvalFormat.Score(s.Value)) : "-"));
            cells.Add(EvalFormat.Ms(item.LatencyMs));
            cells.Add(Markup.Escape(item.Error ?? ""));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    /// <summary>The leaderboard: one row per run, one column per metric, best mean marked with *.</summary>
    public static Table Leaderboard(IReadOnlyList<RunSummary> runs, IReadOnlyList<string> metrics)
    {
        var table = new Table().AddColumns("run", "target");
        foreach (var metric in metrics)
        {
            table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
        }

        table.AddColumns("latency mean / p95", "failures");
        foreach (var run in runs)
        {
            var cells = new List<string> { Markup.Escape(run.RunId), Markup.Escape(run.Target) };
            foreach (var metric in metrics)
            {
                var m = run.Metric(metric);
                var best = EvalFormat.Best(runs, metric)?.RunId == run.RunId && runs.Count > 1 ? " *" : "";
                cells.Add($"{EvalFormat.MeanSpread(m)} ({EvalFormat.Percent(m?.PassRate)} pass){best}");
            }

            cells.Add($"{EvalFormat.Ms(run.LatencyMeanMs)} / {EvalFormat.Ms(run.LatencyP95Ms)}");
            cells.Add(EvalFormat.Count(run.TargetErrors + run.FailedScores));
            table.AddRow(cells.ToArray());
        }

        return table.Caption("* best mean per metric; failures = target errors + failed scores");
    }

    /// <summary>Per-case changes of one candidate against the baseline: one row per case that changed.</summary>
    public static Table CaseChanges(IReadOnlyList<CaseChange> changes)
    {
        var table = new Table().AddColumns("case", "better", "worse");
        foreach (var group in changes.GroupBy(c => c.CaseId))
        {
            table.AddRow(
                Markup.Escape(group.Key),
                Markup.Escape(Describe(group, ChangeVerdict.Better)),
                Markup.Escape(Describe(group, ChangeVerdict.Worse)));
        }

        return table;
    }

    internal static string Describe(IEnumerable<CaseChange> changes, ChangeVerdict verdict) =>
        string.Join(", ", changes.Where(c => c.Verdict == verdict).Select(c => $"{c.Metric} {(c.Delta is { } d ? EvalFormat.Delta(d) : c.Candidate is null ? "failed" : "scored")}"));
}
