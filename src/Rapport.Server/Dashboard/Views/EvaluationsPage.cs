using Microsoft.AspNetCore.Http;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>Evaluation runs as a leaderboard per dataset, with a form to compare a run against a baseline.</summary>
internal static class EvaluationsPage
{
    public static async Task<IResult> RenderAsync(DashboardRequest r)
    {
        var runs = await DashboardTracing.ReadAsync("runs.list", () => r.Sources.Runs(r.Tenant).ListAsync(r.Aborted), l => l.Count).ConfigureAwait(false);
        var html = DashboardLayout.Page(r, "Evaluations", "Evaluations", w =>
        {
            if (runs.Count == 0)
            {
                w.Raw("<p data-testid=\"no-runs\">No evaluation run yet: <code>rapport eval run --dataset &lt;file.jsonl&gt;</code> makes one (and <code>rapport demo</code> saves its own).</p>");
                return;
            }

            foreach (var dataset in runs.GroupBy(run => run.DatasetName + " · " + run.DatasetHash[..Math.Min(8, run.DatasetHash.Length)]))
            {
                Leaderboard(w, r, dataset.Key, [.. dataset]);
            }
        });
        return DashboardResults.Html(html);
    }

    private static void Leaderboard(HtmlWriter w, DashboardRequest r, string dataset, IReadOnlyList<EvaluationRun> runs)
    {
        var summaries = runs.Select(RunSummary.Of).ToList();
        var metrics = runs.SelectMany(run => run.Metrics).Distinct(StringComparer.Ordinal).ToList();
        var primary = metrics.FirstOrDefault();
        var ranked = summaries.OrderByDescending(s => primary is null ? null : s.Metric(primary)?.Mean).ThenByDescending(s => s.StartedAt).ToList();
        w.Add($"<section aria-label=\"Dataset {dataset}\"><h2>{dataset}</h2>");
        w.Add($"<table data-testid=\"leaderboard\"><caption class=\"visually-hidden\">Runs on {dataset}, best {primary} first</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">run</th><th scope=\"col\">target</th><th scope=\"col\">started (UTC)</th><th scope=\"col\" class=\"num\">cases</th>");
        foreach (var m in metrics)
        {
            w.Add($"<th scope=\"col\" class=\"num\">{m}</th>");
        }

        w.Raw("<th scope=\"col\" class=\"num\">latency p95</th><th scope=\"col\" class=\"num\">errors</th></tr></thead><tbody>");
        for (var i = 0; i < ranked.Count; i++)
        {
            var s = ranked[i];
            w.Add($"<tr><td class=\"num\">{i + 1}</td><td><code>{s.RunId}</code></td><td>{s.Target}</td><td>{Format.Time(s.StartedAt)}</td><td class=\"num\">{s.Cases}</td>");
            foreach (var m in metrics)
            {
                w.Add($"<td class=\"num\">{Format.Number(s.Metric(m)?.Mean, "0.000")}</td>");
            }

            w.Add($"<td class=\"num\">{s.LatencyP95Ms:0.0} ms</td><td class=\"num\">{s.TargetErrors + s.FailedScores}</td></tr>");
        }

        w.Raw("</tbody></table>");
        if (runs.Count >= 2)
        {
            var byTime = runs.OrderBy(run => run.StartedAt).ToList();
            w.Add($"<form class=\"filters\" method=\"get\" action=\"{DashboardRoutes.Base}/evaluations/compare\" aria-label=\"Compare runs on {dataset}\">");
            Select(w, "baseline", "Baseline", byTime, byTime[^2].Id);
            Select(w, "candidate", "Candidate", byTime, byTime[^1].Id);
            w.Add($"<input type=\"hidden\" name=\"tenant\" value=\"{(r.Tenant == r.Caller.Tenant ? "" : r.Tenant)}\"><button type=\"submit\">Compare</button></form>");
        }

        w.Raw("</section>");
    }

    private static void Select(HtmlWriter w, string name, string label, IReadOnlyList<EvaluationRun> runs, string selected)
    {
        w.Add($"<label>{label}<select name=\"{name}\">");
        foreach (var run in runs)
        {
            w.Add($"<option value=\"{run.Id}\"{new RawHtml(run.Id == selected ? " selected" : "")}>{run.Id} · {run.TargetDescription}</option>");
        }

        w.Raw("</select></label>");
    }
}
