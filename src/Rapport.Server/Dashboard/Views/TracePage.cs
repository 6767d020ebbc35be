using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;
using Rapport.Telemetry;

namespace Rapport.Server.Dashboard.Views;

/// <summary>One trace as a waterfall tree: each span's offset and duration, attributes, and events (GenAI evaluation results first).</summary>
internal static class TracePage
{
    public static async Task<IResult> RenderAsync(DashboardRequest r, string traceId)
    {
        if (TraceAccess.Refusal(r) is { } refusal)
        {
            return DashboardResults.Html(DashboardLayout.Page(r, "Trace", "Traces", w => w.Add($"<p class=\"note\">{refusal}</p>")));
        }

        var spans = await DashboardTracing.ReadAsync("traces.get", () => r.Sources.Traces!.GetTraceAsync(traceId, r.Aborted), s => s?.Count ?? 0).ConfigureAwait(false);
        if (spans is null || spans.Count == 0)
        {
            return DashboardResults.Problem(StatusCodes.Status404NotFound, $"No live trace '{traceId}' (traces expire after {r.Sources.Traces!.Retention.TotalDays:0} days).");
        }

        var start = spans.Min(s => s.Start);
        var total = Math.Max(1e-3, (spans.Max(s => s.Start + s.Duration) - start).TotalMilliseconds);
        var html = DashboardLayout.Page(r, $"Trace {spans[0].TraceId[..12]}", "Traces", w =>
        {
            w.Add($"<p><code>{spans[0].TraceId}</code> · {spans.Count} spans · {Format.Duration(TimeSpan.FromMilliseconds(total))} · started {Format.Time(start)} UTC · <a href=\"{r.Link("/traces")}\">all traces</a></p>");
            w.Raw("<p class=\"muted\">Open a span (Enter or Space on its row) to see its attributes, events and children.</p><div class=\"tree\" data-testid=\"trace-tree\">");
            foreach (var root in TraceTree.Build(spans))
            {
                Node(w, root, start, total, open: true);
            }

            w.Raw("</div>");
        });
        return DashboardResults.Html(html);
    }

    private static void Node(HtmlWriter w, TraceTree node, DateTimeOffset start, double total, bool open)
    {
        var s = node.Span;
        var left = (s.Start - start).TotalMilliseconds / total * 100;
        var width = Math.Max(0.3, s.Duration.TotalMilliseconds / total * 100);
        var failed = s.Status == ActivityStatusCode.Error;
        w.Add($"<details class=\"span\" data-span=\"{s.Name}\"{new RawHtml(open ? " open" : "")}><summary><span>{s.Name}{(failed ? " ⚠ failed" : "")}</span>");
        w.Add($"<span class=\"bar\" aria-hidden=\"true\"><span class=\"{(failed ? "err" : "")}\" style=\"left:{left.ToString("0.##", CultureInfo.InvariantCulture)}%;width:{width.ToString("0.##", CultureInfo.InvariantCulture)}%\"></span></span>");
        w.Add($"<span class=\"num\">{Format.Duration(s.Duration)}</span></summary><div class=\"span-detail\">");
        w.Add($"<p class=\"muted\">{s.Source} · {s.Kind} · starts at +{Format.Duration(s.Start - start)}{(s.StatusDescription is null ? "" : " · status: " + s.StatusDescription)}</p>");
        if (s.Attributes.Count > 0)
        {
            w.Raw("<table class=\"attributes\"><thead><tr><th scope=\"col\">attribute</th><th scope=\"col\">value</th></tr></thead><tbody>");
            foreach (var (key, value) in s.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                w.Add($"<tr><td><code>{key}</code></td><td>{Value(value)}</td></tr>");
            }

            w.Raw("</tbody></table>");
        }

        var events = s.Events.OrderBy(e => e.Name == RapportTelemetryNames.GenAIEvaluationResultEvent ? 0 : 1).ThenBy(e => e.Timestamp).ToList();
        if (events.Count > 0)
        {
            w.Raw("<ul class=\"events\">");
            foreach (var e in events)
            {
                var attributes = string.Join(", ", e.Attributes.Select(a => $"{a.Key}={Value(a.Value)}"));
                w.Add($"<li data-event=\"{e.Name}\"><b>{e.Name}</b> {attributes}</li>");
            }

            w.Raw("</ul>");
        }

        w.Raw("</div>");
        foreach (var child in node.Children)
        {
            Node(w, child, start, total, open: false);
        }

        w.Raw("</details>");
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string text => text,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}
