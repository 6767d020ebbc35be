using Microsoft.AspNetCore.Http;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Access;

/// <summary>The dashboard's answers: HTML pages, and a plain page for what went wrong.</summary>
internal static class DashboardResults
{
    /// <summary>Returns an HTML page.</summary>
    public static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>Returns a small HTML page saying what was wrong, with a link back.</summary>
    public static IResult Problem(int status, string message)
    {
        var w = new HtmlWriter();
        w.Add($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Rapport dashboard</title><link rel=\"stylesheet\" href=\"{DashboardRoutes.Base}/site.css\"></head>");
        w.Add($"<body><main><h1>Rapport dashboard</h1><p class=\"error\" role=\"alert\">{message}</p><p><a href=\"{DashboardRoutes.Base}\">Back to the overview</a></p></main></body></html>");
        return Html(w.ToString(), status);
    }
}
