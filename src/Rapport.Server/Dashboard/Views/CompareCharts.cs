using System.Globalization;
using Rapport.Evaluation;
using Rapport.Evaluation.Runs;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>The comparison's charts: one metric's score distribution in both runs, and the supportiveness scorer's behaviour mix.</summary>
internal static class CompareCharts
{
    private static readonly System.Buffers.SearchValues<char> ScoreStart = System.Buffers.SearchValues.Create("0123456789(");

    public static void Distributions(HtmlWriter w, EvaluationRun baseline, EvaluationRun candidate, string? metric)
    {
        if (metric is null)
        {
            return;
        }

        var labels = Enumerable.Range(0, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i / 10.0:0.0}")).ToList();
        w.Raw("<h2>Score distribution</h2><div class=\"grid\">");
        SvgCharts.Bars(w, new Chart("distribution", $"Distribution of {metric}", $"{metric} from", "cases", labels,
            [Histogram("baseline", baseline, metric), Histogram("candidate", candidate, metric)], SvgCharts.Count));
        w.Raw("</div>");
    }

    public static void BehaviourMix(HtmlWriter w, EvaluationRun baseline, EvaluationRun candidate)
    {
        var before = Behaviours(baseline);
        var after = Behaviours(candidate);
        if (before.Count + after.Count == 0)
        {
            return;
        }

        var names = before.Keys.Union(after.Keys).OrderByDescending(k => before.GetValueOrDefault(k) + after.GetValueOrDefault(k)).ToList();
        var nb = Math.Max(1, before.Values.Sum());
        var na = Math.Max(1, after.Values.Sum());
        w.Raw("<h2>Behaviour mix (supportiveness scorer's most likely behaviour per response)</h2><div class=\"grid\">");
        SvgCharts.Bars(w, new Chart("behaviours", "Behaviour mix", "behaviour", "share of responses", names,
            [new ChartSeries("baseline", [.. names.Select(n => (double?)before.GetValueOrDefault(n) / nb)]),
             new ChartSeries("candidate", [.. names.Select(n => (double?)after.GetValueOrDefault(n) / na)])], SvgCharts.Percent));
        w.Raw("</div>");
    }

    private static ChartSeries Histogram(string name, EvaluationRun run, string metric)
    {
        var counts = new double?[10];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = 0;
        }

        foreach (var value in run.Cases.Select(c => c.Scores.FirstOrDefault(s => s.Name == metric)?.Value).OfType<double>())
        {
            counts[Math.Clamp((int)(value * 10), 0, 9)]++;
        }

        return new ChartSeries(name, counts);
    }

    // The scorer's reason starts with the most likely behaviour and its probability, e.g. "complex reflection 0.81, ...".
    private static Dictionary<string, int> Behaviours(EvaluationRun run)
    {
        var mix = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var reason in run.Cases.Select(c => c.Scores.FirstOrDefault(s => s.Name == ScorerNames.Supportiveness)?.Reason).OfType<string>())
        {
            var end = reason.AsSpan().IndexOfAny(ScoreStart);
            var name = (end > 0 ? reason[..end] : "").Trim();
            if (name.Length > 0 && name.Length <= 40)
            {
                mix[name] = mix.GetValueOrDefault(name) + 1;
            }
        }

        return mix;
    }
}
