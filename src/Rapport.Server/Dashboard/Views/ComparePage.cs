using Microsoft.AspNetCore.Http;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>A run against a baseline: per-metric deltas, the per-case diff (filtered), score distributions and the behaviour mix.</summary>
internal static class ComparePage
{
    private const int MaxRows = 300;

    public static async Task<IResult> RenderAsync(DashboardRequest r)
    {
        var store = r.Sources.Runs(r.Tenant);
        var baseline = await Run(store, r.Query("baseline"), "baseline", r.Aborted).ConfigureAwait(false);
        var candidate = await Run(store, r.Query("candidate"), "candidate", r.Aborted).ConfigureAwait(false);
        var comparison = RunComparison.Of([baseline, candidate]);
        var filter = CaseDiffFilter.From(r, baseline.Metrics);
        var changes = filter.Apply(comparison.CaseChanges[candidate.Id]);
        var html = DashboardLayout.Page(r, "Compare runs", "Evaluations", w =>
        {
            w.Add($"<p>Baseline <code>{baseline.Id}</code> ({baseline.TargetDescription}) · candidate <code>{candidate.Id}</code> ({candidate.TargetDescription}) · dataset {baseline.DatasetName} · <a href=\"{r.Link("/evaluations")}\">all runs</a></p>");
            w.Raw("<h2>Per-metric change of the mean</h2><table data-testid=\"metric-deltas\"><thead><tr><th scope=\"col\">metric</th><th scope=\"col\" class=\"num\">baseline</th><th scope=\"col\" class=\"num\">candidate</th><th scope=\"col\" class=\"num\">delta</th><th scope=\"col\">verdict</th></tr></thead><tbody>");
            foreach (var change in comparison.MetricChanges)
            {
                w.Add($"<tr><td>{change.Metric}</td><td class=\"num\">{Format.Number(comparison.Runs[0].Metric(change.Metric)?.Mean, "0.000")}</td><td class=\"num\">{Format.Number(comparison.Runs[1].Metric(change.Metric)?.Mean, "0.000")}</td>");
                w.Add($"<td class=\"num\">{Format.Number(change.MeanDelta, "+0.000;-0.000;0.000")}</td><td class=\"{Css(change.Verdict)}\">{change.Verdict}</td></tr>");
            }

            w.Raw("</tbody></table><h2 id=\"cases\">Cases that changed</h2>");
            filter.Form(w, r, baseline, candidate);
            CaseDiff(w, baseline, candidate, changes);
            CompareCharts.Distributions(w, baseline, candidate, filter.Metric ?? (baseline.Metrics.Count > 0 ? baseline.Metrics[0] : null));
            CompareCharts.BehaviourMix(w, baseline, candidate);
        });
        return DashboardResults.Html(html);
    }

    private static void CaseDiff(HtmlWriter w, EvaluationRun baseline, EvaluationRun candidate, IReadOnlyList<CaseChange> changes)
    {
        var before = baseline.Cases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var after = candidate.Cases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        w.Add($"<p class=\"muted\" data-testid=\"case-count\">{changes.Count} change(s){(changes.Count > MaxRows ? $"; the first {MaxRows} shown" : "")}.</p>");
        w.Raw("<table data-testid=\"case-diff\"><thead><tr><th scope=\"col\">case</th><th scope=\"col\">metric</th><th scope=\"col\" class=\"num\">baseline</th><th scope=\"col\" class=\"num\">candidate</th><th scope=\"col\" class=\"num\">delta</th><th scope=\"col\">responses: baseline | candidate</th></tr></thead><tbody>");
        foreach (var c in changes.Take(MaxRows))
        {
            w.Add($"<tr data-verdict=\"{c.Verdict}\"><td>{c.CaseId}</td><td>{c.Metric}</td><td class=\"num\">{Format.Number(c.Baseline)}</td><td class=\"num\">{Format.Number(c.Candidate)}</td><td class=\"num {Css(c.Verdict)}\">{Format.Number(c.Delta, "+0.00;-0.00;0.00")}</td>");
            w.Add($"<td><div class=\"side\"><div>{before.GetValueOrDefault(c.CaseId)?.Response ?? "(no response)"}</div><div>{after.GetValueOrDefault(c.CaseId)?.Response ?? "(no response)"}</div></div></td></tr>");
        }

        w.Raw("</tbody></table>");
    }

    private static async Task<EvaluationRun> Run(IEvaluationRunStore store, string? id, string name, CancellationToken ct) =>
        id is null ? throw new ArgumentException($"Choose a {name} run (the {name} parameter is missing).")
        : await DashboardTracing.ReadAsync("runs.get", () => store.GetAsync(id, ct)).ConfigureAwait(false) ?? throw new ArgumentException($"No evaluation run '{id}' in this tenant (the {name}).");

    internal static string Css(ChangeVerdict verdict) => verdict switch { ChangeVerdict.Better => "good", ChangeVerdict.Worse => "bad", _ => "" };
}
