using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>Recent traces with filters: operation, errors only, minimum duration, time range.</summary>
internal static class TracesPage
{
    public static async Task<IResult> RenderAsync(DashboardRequest r)
    {
        if (TraceAccess.Refusal(r) is { } refusal)
        {
            return DashboardResults.Html(DashboardLayout.Page(r, "Traces", "Traces", w => w.Add($"<p class=\"note\">{refusal}</p>")));
        }

        var query = Query(r);
        var traces = await DashboardTracing.ReadAsync("traces.list", () => r.Sources.Traces!.ListTracesAsync(query, r.Aborted), t => t.Count).ConfigureAwait(false);
        var html = DashboardLayout.Page(r, "Traces", "Traces", w =>
        {
            w.Add($"<form class=\"filters\" method=\"get\" action=\"{DashboardRoutes.Base}/traces\" aria-label=\"Filter traces\">");
            w.Add($"<label>Operation contains<input name=\"operation\" value=\"{query.Operation}\"></label>");
            w.Add($"<label>Minimum duration (ms)<input name=\"minMs\" type=\"number\" min=\"0\" step=\"any\" value=\"{r.Query("minMs")}\"></label>");
            w.Add($"<label>From (UTC)<input name=\"since\" type=\"datetime-local\" value=\"{r.Query("since")}\"></label><label>To (UTC)<input name=\"until\" type=\"datetime-local\" value=\"{r.Query("until")}\"></label>");
            w.Add($"<label>Show<input name=\"last\" type=\"number\" min=\"1\" max=\"{TraceQuery.MaxLast}\" value=\"{query.Last}\"></label>");
            w.Add($"<label><span><input name=\"errors\" type=\"checkbox\" value=\"1\"{new RawHtml(query.ErrorsOnly ? " checked" : "")}> errors only</span></label>");
            w.Add($"<input type=\"hidden\" name=\"tenant\" value=\"{(r.Tenant == r.Caller.Tenant ? "" : r.Tenant)}\"><button type=\"submit\">Filter</button></form>");
            w.Add($"<p class=\"muted\">Traces are kept per server (all tenants) for {r.Sources.Traces!.Retention.TotalDays:0} days; user text {(r.Sources.TraceTextKept ? "is kept (the operator opted in)" : "is not kept (the operator has not opted in)")}.</p>");
            if (traces.Count == 0)
            {
                w.Raw("<p data-testid=\"no-traces\">No trace matches.</p>");
                return;
            }

            w.Raw("<table data-testid=\"traces\"><thead><tr><th scope=\"col\">trace</th><th scope=\"col\">operation</th><th scope=\"col\">start (UTC)</th><th scope=\"col\" class=\"num\">duration</th><th scope=\"col\" class=\"num\">spans</th><th scope=\"col\" class=\"num\">errors</th></tr></thead><tbody>");
            foreach (var t in traces)
            {
                w.Add($"<tr><td><a href=\"{r.Link("/traces/" + t.TraceId)}\"><code>{t.TraceId[..12]}</code></a></td><td>{t.Operation}</td><td>{Format.Time(t.Start)}</td><td class=\"num\">{Format.Duration(t.Duration)}</td><td class=\"num\">{t.SpanCount}</td><td class=\"num{(t.ErrorCount > 0 ? " bad" : "")}\">{t.ErrorCount}</td></tr>");
            }

            w.Raw("</tbody></table>");
        });
        return DashboardResults.Html(html);
    }

    private static TraceQuery Query(DashboardRequest r)
    {
        var last = 50;
        if (r.Query("last") is { } l && !int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out last))
        {
            throw new ArgumentException($"Invalid count '{l}': use a whole number from 1 to {TraceQuery.MaxLast}.");
        }

        TimeSpan? min = null;
        if (r.Query("minMs") is { } m)
        {
            min = double.TryParse(m, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0
                ? TimeSpan.FromMilliseconds(ms) : throw new ArgumentException($"Invalid minimum duration '{m}': use milliseconds, zero or more.");
        }

        var query = new TraceQuery
        {
            Last = last, Operation = r.Query("operation"), ErrorsOnly = r.Query("errors") is not null, MinDuration = min,
            Since = Instant(r.Query("since"), "from"), Until = Instant(r.Query("until"), "to"),
        };
        query.Validate();
        return query;
    }

    private static DateTimeOffset? Instant(string? text, string name) => text is null ? null
        : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero) : throw new ArgumentException($"Invalid '{name}' time '{text}': use yyyy-MM-ddTHH:mm (UTC).");
}
