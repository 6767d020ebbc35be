using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;
using Rapport.Storage;

namespace Rapport.Server.Dashboard.Views;

/// <summary>Memory health: counts, activity per day, helped rate per kind, quality, latencies and context size, recent errors.</summary>
internal static class OverviewPage
{
    private const int Days = 30;
    private const int MaxSpans = 10_000;

    // The server runs the loop with the default recording options, so this is the threshold its recorder marks by.
    private static readonly double LowQualityBelow = new Rapport.Recording.RecordingOptions().QualityThreshold;

    public static async Task<IResult> RenderAsync(DashboardRequest r)
    {
        var memory = r.Scope.Memory;
        var now = r.Sources.Options.TimeProvider.GetUtcNow();
        var traces = r.Caller.Admin ? r.Sources.Traces : null;
        // Four independent reads on their own connections, side by side (the SQLite calls complete synchronously, hence Task.Run).
        var statsTask = Task.Run(() => memory.GetStatsAsync(null, r.Aborted), r.Aborted);
        var overviewTask = memory.GetStoreService<IMemoryOverview>() is { } o
            ? Task.Run<MemoryOverview?>(async () => await DashboardTracing.ReadAsync("memory.overview", () => o.GetOverviewAsync(now.AddDays(-Days + 1).Date, LowQualityBelow, r.Aborted)).ConfigureAwait(false), r.Aborted)
            : Task.FromResult<MemoryOverview?>(null);
        var spansTask = traces is null ? Task.FromResult<IReadOnlyList<SpanStats>>([]) : Task.Run(() => DashboardTracing.ReadAsync("traces.span_stats", () => traces.GetSpanStatsAsync(now.AddDays(-1), MaxSpans, r.Aborted), s => s.Count), r.Aborted);
        var errorsTask = traces is null ? Task.FromResult<IReadOnlyList<TraceSummary>>([])
            : Task.Run(() => DashboardTracing.ReadAsync("traces.errors", () => traces.ListTracesAsync(new TraceQuery { Last = 5, ErrorsOnly = true }, r.Aborted), t => t.Count), r.Aborted);
        await Task.WhenAll(statsTask, overviewTask, spansTask, errorsTask).ConfigureAwait(false);
        var stats = await statsTask.ConfigureAwait(false);
        var overview = await overviewTask.ConfigureAwait(false);
        var spans = await spansTask.ConfigureAwait(false);
        var errors = await errorsTask.ConfigureAwait(false);
        var html = DashboardLayout.Page(r, "Overview", "Overview", w =>
        {
            w.Add($"<ul class=\"cards\" aria-label=\"Live records\"><li>users<b>{stats.Users:#,0}</b></li><li>interventions<b>{stats.Interventions:#,0}</b></li>");
            w.Add($"<li>helped<b>{stats.Helped:#,0}</b></li><li>not helped<b>{stats.NotHelped:#,0}</b></li><li>reflections<b>{stats.Reflections:#,0}</b></li><li>profiles<b>{stats.Profiles:#,0}</b></li></ul>");
            w.Add($"<p>Store <code>{memory.StoreDescription}</code> · embedder <code>{Data.DashboardSources.Embedder(r.Scope)}</code></p>");
            if (overview is null)
            {
                w.Raw("<p class=\"note\">This store offers no aggregates (IMemoryOverview): so no charts. Counts above are live.</p>");
            }
            else
            {
                Charts(w, overview, now);
            }

            Latency(w, r, spans, errors);
        });
        return DashboardResults.Html(html);
    }

    private static void Charts(HtmlWriter w, MemoryOverview o, DateTimeOffset now)
    {
        var first = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Days + 1);
        var days = Enumerable.Range(0, Days).Select(first.AddDays).ToList();
        var byDay = o.Days.ToDictionary(d => d.Day);
        var labels = days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        w.Raw("<div class=\"grid\">");
        SvgCharts.Bars(w, new Chart("per-day", "Interventions recorded per day (last 30 days, UTC)", "day", "interventions", labels,
            [new ChartSeries("recorded", [.. days.Select(d => byDay.TryGetValue(d, out var a) ? a.Recorded : (double?)0)])], SvgCharts.Count));
        SvgCharts.Line(w, new Chart("quality-per-day", "Mean quality per day", "day", "mean quality", labels,
            [new ChartSeries("mean quality", [.. days.Select(d => byDay.TryGetValue(d, out var a) ? a.MeanQuality : null)])], v => v.ToString("0.00", CultureInfo.InvariantCulture), 1));
        var kinds = o.Kinds.OrderByDescending(k => k.Value.Total).ToList();
        SvgCharts.Bars(w, new Chart("helped-per-kind", "Helped rate per kind (of reported outcomes)", "kind", "helped", [.. kinds.Select(k => k.Key)],
            [new ChartSeries("helped rate", [.. kinds.Select(k => k.Value.Helped + k.Value.NotHelped is > 0 and var n ? (double)k.Value.Helped / n : (double?)null)])], SvgCharts.Percent, 1));
        var buckets = Enumerable.Range(0, MemoryOverview.QualityBuckets).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i / 10.0:0.0}")).ToList();
        SvgCharts.Bars(w, new Chart("quality", "Quality distribution (scored interventions)", "quality from", "interventions", buckets,
            [new ChartSeries("interventions", [.. o.QualityHistogram.Select(c => (double?)c)])], SvgCharts.Count));
        w.Raw("</div>");
        var total = o.QualityHistogram.Sum() + o.Unscored;
        w.Add($"<p>Low quality (under {LowQualityBelow:0.00}: kept for learning, never offered as a past success): <b data-testid=\"low-quality\">{o.LowQuality:#,0}</b> of {total:#,0} ({(total > 0 ? (double)o.LowQuality / total : 0):0.0%}); unscored: {o.Unscored:#,0}.</p>");
    }

    private static void Latency(HtmlWriter w, DashboardRequest r, IReadOnlyList<SpanStats> spans, IReadOnlyList<TraceSummary> errors)
    {
        w.Raw("<h2>Latency and context size (the newest 10,000 spans of the last 24 hours, from local traces)</h2>");
        if (!r.Caller.Admin)
        {
            w.Raw("<p class=\"note\">Traces are kept per server for every tenant, so only an admin key sees latencies and errors.</p>");
            return;
        }

        if (r.Sources.Traces is null)
        {
            w.Raw("<p class=\"note\">Local traces are off on this server.</p>");
            return;
        }

        w.Raw("<table><thead><tr><th scope=\"col\">span</th><th scope=\"col\" class=\"num\">count</th><th scope=\"col\" class=\"num\">errors</th><th scope=\"col\" class=\"num\">p50</th><th scope=\"col\" class=\"num\">p95</th><th scope=\"col\" class=\"num\">mean context tokens</th></tr></thead><tbody>");
        foreach (var s in spans.OrderByDescending(s => s.Count).Take(15))
        {
            w.Add($"<tr><td>{s.Name}</td><td class=\"num\">{s.Count:#,0}</td><td class=\"num\">{s.Errors:#,0}</td><td class=\"num\">{Format.Duration(s.P50)}</td><td class=\"num\">{Format.Duration(s.P95)}</td><td class=\"num\">{(s.MeanTokens is { } t ? t.ToString("0", CultureInfo.InvariantCulture) : "")}</td></tr>");
        }

        w.Raw("</tbody></table><h2>Recent errors</h2>");
        if (errors.Count == 0)
        {
            w.Raw("<p>No failed trace is kept.</p>");
            return;
        }

        w.Raw("<ul>");
        foreach (var e in errors)
        {
            w.Add($"<li><a href=\"{r.Link("/traces/" + e.TraceId)}\">{e.Operation}</a> at {Format.Time(e.Start)}: {e.ErrorCount} failed span(s)</li>");
        }

        w.Raw("</ul>");
    }
}
