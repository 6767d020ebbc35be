using System.Globalization;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>The case diff's filters: one metric, a minimum size of change, and better or worse only.</summary>
internal sealed record CaseDiffFilter(string? Metric, double MinDelta, ChangeVerdict? Verdict)
{
    public static CaseDiffFilter From(DashboardRequest r, IReadOnlyList<string> metrics)
    {
        var metric = r.Query("metric");
        if (metric is not null && !metrics.Contains(metric, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown metric '{metric}': the baseline has {string.Join(", ", metrics)}.");
        }

        var min = 0.0;
        if (r.Query("minDelta") is { } d && !(double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out min) && min is >= 0 and <= 1))
        {
            throw new ArgumentException($"Invalid minimum change '{d}': use a number from 0 to 1.");
        }

        ChangeVerdict? verdict = r.Query("change") switch
        {
            null or "any" => null,
            "worse" => ChangeVerdict.Worse,
            "better" => ChangeVerdict.Better,
            var other => throw new ArgumentException($"Invalid change '{other}': use any, better or worse."),
        };
        return new CaseDiffFilter(metric, min, verdict);
    }

    public IReadOnlyList<CaseChange> Apply(IReadOnlyList<CaseChange> changes) =>
    [
        .. changes.Where(c => (Metric is null || c.Metric == Metric) && (Verdict is null || c.Verdict == Verdict)
            && (MinDelta <= 0 || (c.Delta is { } delta ? Math.Abs(delta) >= MinDelta : true)))
            .OrderBy(c => c.Delta ?? 0),
    ];

    public void Form(HtmlWriter w, DashboardRequest r, EvaluationRun baseline, EvaluationRun candidate)
    {
        w.Add($"<form class=\"filters\" method=\"get\" action=\"{DashboardRoutes.Base}/evaluations/compare#cases\" aria-label=\"Filter the case diff\">");
        w.Add($"<input type=\"hidden\" name=\"baseline\" value=\"{baseline.Id}\"><input type=\"hidden\" name=\"candidate\" value=\"{candidate.Id}\">");
        w.Raw("<label>Metric<select name=\"metric\"><option value=\"\">any</option>");
        foreach (var m in baseline.Metrics)
        {
            w.Add($"<option{new RawHtml(m == Metric ? " selected" : "")}>{m}</option>");
        }

        w.Add($"</select></label><label>Minimum change<input name=\"minDelta\" type=\"number\" min=\"0\" max=\"1\" step=\"0.01\" value=\"{MinDelta}\"></label>");
        w.Raw("<label>Change<select name=\"change\">");
        foreach (var (value, label) in new[] { ("any", "better or worse"), ("worse", "worse only"), ("better", "better only") })
        {
            var selected = (value, Verdict) is ("any", null) or ("worse", ChangeVerdict.Worse) or ("better", ChangeVerdict.Better);
            w.Add($"<option value=\"{value}\"{new RawHtml(selected ? " selected" : "")}>{label}</option>");
        }

        w.Add($"</select></label><input type=\"hidden\" name=\"tenant\" value=\"{(r.Tenant == r.Caller.Tenant ? "" : r.Tenant)}\"><button type=\"submit\">Filter</button></form>");
    }
}
