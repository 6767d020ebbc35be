using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Data;
using Rapport.Server.Dashboard.Html;
using Rapport.Storage;

namespace Rapport.Server.Dashboard.Views;

/// <summary>The learning curve across users (success rate per session index), and the demo's curves of every coach.</summary>
internal static class LearningPage
{
    private const int MaxSessions = 30;

    public static async Task<IResult> RenderAsync(DashboardRequest r)
    {
        var overview = r.Scope.Memory.GetStoreService<IMemoryOverview>();
        var curve = overview is null ? null
            : await DashboardTracing.ReadAsync("memory.session_curve", () => overview.GetSessionCurveAsync(MaxSessions, r.Aborted), c => c.Count).ConfigureAwait(false);
        var demo = await DashboardTracing.ReadAsync("demo.results", () => DemoResults.LatestAsync(r.Sources.DemoFolder(r.Tenant), r.Aborted)).ConfigureAwait(false);
        var html = DashboardLayout.Page(r, "Learning", "Learning", w =>
        {
            w.Raw("<h2>Success rate per session, across users</h2>");
            if (curve is null)
            {
                w.Raw("<p class=\"note\">This store offers no aggregates (IMemoryOverview), so the curve cannot be drawn.</p>");
            }
            else if (curve.Count == 0)
            {
                w.Raw("<p data-testid=\"no-curve\">No session with a reported outcome yet.</p>");
            }
            else
            {
                w.Raw("<div class=\"grid\">");
                SvgCharts.Line(w, new Chart("session-curve", "Share of reported outcomes that helped, by each user's n-th session", "session", "helped",
                    [.. curve.Select(c => c.Session.ToString(CultureInfo.InvariantCulture))],
                    [new ChartSeries("helped rate", [.. curve.Select(c => c.SuccessRate)])], SvgCharts.Percent, 1));
                SvgCharts.Bars(w, new Chart("session-users", "Users with an n-th session", "session", "users",
                    [.. curve.Select(c => c.Session.ToString(CultureInfo.InvariantCulture))], [new ChartSeries("users", [.. curve.Select(c => (double?)c.Users)])], SvgCharts.Count));
                w.Raw("</div>");
            }

            Demo(w, r, demo);
        });
        return DashboardResults.Html(html);
    }

    private static void Demo(HtmlWriter w, DashboardRequest r, DemoResults? demo)
    {
        w.Raw("<h2>The demo's coaches</h2>");
        if (demo is null)
        {
            w.Add($"<p data-testid=\"no-demo\">{(r.Sources.IsDataFolderTenant(r.Tenant) ? "No demo run in this data folder yet: run rapport demo, then reload." : "The demo's results belong to the data folder's own store (rapport dashboard); this tenant has none.")}</p>");
            return;
        }

        w.Add($"<p class=\"muted\">From <code>{demo.File}</code>, mean over seeds {string.Join(", ", demo.Seeds.Select(s => s.Seed))}.</p><div class=\"grid\" data-testid=\"demo-curves\">");
        Curves(w, "demo-mean", "Share of interventions that helped per session (mean over seeds)", demo.Mean);
        foreach (var (seed, sessions) in demo.Seeds)
        {
            Curves(w, $"demo-seed-{seed}", $"Seed {seed}", sessions);
        }

        w.Raw("</div>");
    }

    private static void Curves(HtmlWriter w, string id, string title, IReadOnlyList<DemoSession> sessions) =>
        SvgCharts.Line(w, new Chart(id, title, "session", "helped", [.. sessions.Select(s => s.Session.ToString(CultureInfo.InvariantCulture))],
        [
            new ChartSeries("no memory", [.. sessions.Select(s => (double?)s.NoMemory)]),
            new ChartSeries("Rapport", [.. sessions.Select(s => (double?)s.Rapport)]),
            new ChartSeries("type-aware", [.. sessions.Select(s => (double?)s.TypeAware)]),
            new ChartSeries("oracle", [.. sessions.Select(s => (double?)s.Oracle)]),
        ], SvgCharts.Percent, 1));
}
