using Rapport.Server.Dashboard.Access;

namespace Rapport.Server.Dashboard.Html;

/// <summary>The page shell: skip link, navigation, tenant picker (admins), who is signed in, and the main region.</summary>
internal static class DashboardLayout
{
    private static readonly (string Name, string Path)[] Views =
        [("Overview", "/"), ("Users", "/users"), ("Traces", "/traces"), ("Evaluations", "/evaluations"), ("Learning", "/learning")];

    /// <summary>Renders a whole page around <paramref name="body"/>.</summary>
    public static string Page(DashboardRequest r, string title, string active, Action<HtmlWriter> body)
    {
        var w = new HtmlWriter();
        w.Add($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.Add($"<title>{title} · Rapport dashboard</title><link rel=\"stylesheet\" href=\"{DashboardRoutes.Base}/site.css\"></head><body>");
        w.Raw("<a class=\"skip\" href=\"#main\">Skip to content</a><header><span class=\"brand\">Rapport</span><nav aria-label=\"Views\"><ul>");
        foreach (var (name, path) in Views)
        {
            w.Add($"<li><a href=\"{r.Link(path)}\"{new RawHtml(name == active ? " aria-current=\"page\"" : "")}>{name}</a></li>");
        }

        w.Raw("</ul></nav>");
        if (r.Caller.Admin && r.Tenants.Count > 0)
        {
            w.Add($"<form method=\"get\" action=\"{r.Http.Request.Path}\"><label for=\"tenant-pick\">Tenant</label><select id=\"tenant-pick\" name=\"tenant\">");
            foreach (var t in r.Tenants)
            {
                w.Add($"<option{new RawHtml(t == r.Tenant ? " selected" : "")}>{t}</option>");
            }

            w.Raw("</select><button type=\"submit\">Show</button></form>");
        }

        w.Add($"<span class=\"who\">tenant <b data-testid=\"tenant\">{r.Tenant}</b> · key {r.Caller.KeyId}{(r.Caller.Admin ? " (admin)" : "")}</span>");
        if (r.Caller.KeyId != Keys.Caller.Dev.KeyId)
        {
            w.Add($"<form method=\"post\" action=\"{DashboardRoutes.Base}/logout\"><button type=\"submit\">Sign out</button></form>");
        }

        w.Add($"</header><main id=\"main\" tabindex=\"-1\"><h1>{title}</h1>");
        body(w);
        w.Raw("</main></body></html>");
        return w.ToString();
    }

    /// <summary>Renders the login page.</summary>
    public static string Login(string? error, string? returnPath)
    {
        var w = new HtmlWriter();
        w.Add($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.Add($"<title>Sign in · Rapport dashboard</title><link rel=\"stylesheet\" href=\"{DashboardRoutes.Base}/site.css\"></head><body><main id=\"main\">");
        w.Add($"<form class=\"login\" method=\"post\" action=\"{DashboardRoutes.Base}/login\"><h1>Rapport dashboard</h1>");
        if (error is not null)
        {
            w.Add($"<p class=\"error\" role=\"alert\">{error}</p>");
        }

        w.Add($"<label for=\"key\">API key</label><input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"off\" required autofocus>");
        w.Add($"<input type=\"hidden\" name=\"return\" value=\"{returnPath}\"><button type=\"submit\">Sign in</button>");
        w.Raw("<p class=\"muted\">The key stays on this server: it is checked against the stored hashes and the session lives in an HTTP-only cookie.</p></form></main></body></html>");
        return w.ToString();
    }
}
