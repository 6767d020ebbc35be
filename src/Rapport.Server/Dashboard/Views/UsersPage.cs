using Microsoft.AspNetCore.Http;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;
using Rapport.Storage;

namespace Rapport.Server.Dashboard.Views;

/// <summary>Find a user: the tenant's users by id prefix, most recently active first.</summary>
internal static class UsersPage
{
    private const int Limit = 200;

    public static async Task<IResult> RenderAsync(DashboardRequest r)
    {
        var q = r.Query("q");
        var directory = r.Scope.Memory.GetStoreService<IMemoryOverview>();
        var users = directory is null ? [] : await DashboardTracing.ReadAsync("memory.users", () => directory.ListUsersAsync(q, Limit, r.Aborted), u => u.Count).ConfigureAwait(false);
        var html = DashboardLayout.Page(r, "Users", "Users", w =>
        {
            if (r.Query("forgotten") is { } gone)
            {
                w.Add($"<p class=\"note\" role=\"status\" data-testid=\"forgotten\">Forgot '{gone}': {r.Query("removed") ?? "0"} records removed, with their traces.</p>");
            }

            w.Add($"<form class=\"filters\" method=\"get\" action=\"{DashboardRoutes.Base}/users\" role=\"search\"><label>User id starts with<input name=\"q\" value=\"{q}\"></label>");
            w.Add($"<input type=\"hidden\" name=\"tenant\" value=\"{(r.Tenant == r.Caller.Tenant ? "" : r.Tenant)}\"><button type=\"submit\">Find</button></form>");
            if (directory is null)
            {
                w.Raw("<p class=\"note\">This store cannot list its users (no IMemoryOverview); open a user by their exact id:</p>");
                if (q is not null)
                {
                    w.Add($"<p><a href=\"{r.Link("/users/" + DashboardRoutes.Segment(q))}\">Open user '{q}'</a></p>");
                }

                return;
            }

            if (users.Count == 0)
            {
                w.Raw("<p data-testid=\"no-users\">No user with live memories matches.</p>");
                return;
            }

            w.Add($"<p class=\"muted\">{users.Count} user(s){(users.Count == Limit ? $" (the first {Limit}; narrow the prefix)" : "")}.</p>");
            w.Raw("<table data-testid=\"users\"><thead><tr><th scope=\"col\">user</th><th scope=\"col\" class=\"num\">interventions</th><th scope=\"col\" class=\"num\">helped</th><th scope=\"col\" class=\"num\">not helped</th><th scope=\"col\">last activity (UTC)</th></tr></thead><tbody>");
            foreach (var u in users)
            {
                w.Add($"<tr><td><a href=\"{r.Link("/users/" + DashboardRoutes.Segment(u.UserId))}\">{u.UserId}</a></td><td class=\"num\">{u.Interventions:#,0}</td><td class=\"num\">{u.Helped:#,0}</td><td class=\"num\">{u.NotHelped:#,0}</td><td>{Format.Time(u.LastActivity)}</td></tr>");
            }

            w.Raw("</tbody></table>");
        });
        return DashboardResults.Html(html);
    }
}
