using Microsoft.AspNetCore.Http;
using Rapport.Memory;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>One user: counts, profile, learning estimates with their evidence, memories (filterable), reflections and insights.</summary>
internal static class UserPage
{
    /// <summary>The most memories the table reads (newest first).</summary>
    public const int MaxMemories = 1000;

    public static async Task<IResult> RenderAsync(DashboardRequest r, string userId)
    {
        MemoryIds.ValidateUserId(userId, "user");
        var memory = r.Scope.Memory;
        var stats = await memory.GetStatsAsync(userId, r.Aborted).ConfigureAwait(false);
        var title = $"User {userId}";
        if (stats.Interventions + stats.Reflections + stats.Profiles == 0)
        {
            return DashboardResults.Html(DashboardLayout.Page(r, title, "Users", w =>
                w.Add($"<p data-testid=\"user-empty\">Nothing is stored about '{userId}' in tenant '{r.Tenant}'.</p><p><a href=\"{r.Link("/users")}\">All users</a></p>")));
        }

        var all = await memory.ListAsync(userId, MaxMemories, r.Aborted).ConfigureAwait(false);
        var profile = await memory.GetProfileAsync(userId, r.Aborted).ConfigureAwait(false);
        var reflections = await memory.ListReflectionsAsync(userId, 20, r.Aborted).ConfigureAwait(false);
        var situation = r.Query("situation") ?? (all.Count > 0 ? all[0].Situation : null);
        var turn = situation is null ? null : await r.Scope.Loop.PrepareTurnAsync(userId, null, situation, r.Aborted).ConfigureAwait(false);
        var filter = MemoryTableFilter.From(r);
        var shown = filter.Apply(all);
        var html = DashboardLayout.Page(r, title, "Users", w =>
        {
            var seg = DashboardRoutes.Segment(userId);
            w.Add($"<ul class=\"cards\" aria-label=\"Live records of this user\"><li>interventions<b>{stats.Interventions:#,0}</b></li><li>helped<b>{stats.Helped:#,0}</b></li>");
            w.Add($"<li>not helped<b>{stats.NotHelped:#,0}</b></li><li>reflections<b>{stats.Reflections:#,0}</b></li></ul>");
            w.Add($"<p><a href=\"{r.Link("/users/" + seg + "/export")}\" download>Export all of this user's data (JSON)</a> · <a href=\"{r.Link("/users/" + seg + "/forget")}\" data-testid=\"forget-link\">Forget this user…</a></p>");
            UserSections.Profile(w, profile);
            UserSections.Estimates(w, r, userId, turn);
            w.Raw("<h2 id=\"memories\">Memories</h2>");
            filter.Form(w, r, userId, all);
            UserSections.Memories(w, shown, all.Count);
            UserSections.Reflections(w, reflections);
        });
        return DashboardResults.Html(html);
    }
}
