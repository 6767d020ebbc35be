using Microsoft.AspNetCore.Http;
using Rapport.Memory;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>Forgetting a user: a confirmation that names what will be removed, then the removal (records, prepared turns, traces).</summary>
internal static class ForgetPage
{
    public static async Task<IResult> ConfirmAsync(DashboardRequest r, string userId)
    {
        MemoryIds.ValidateUserId(userId, "user");
        var stats = await r.Scope.Memory.GetStatsAsync(userId, r.Aborted).ConfigureAwait(false);
        var html = DashboardLayout.Page(r, $"Forget {userId}?", "Users", w =>
        {
            w.Add($"<p>This permanently removes everything tenant '{r.Tenant}' keeps about <b>{userId}</b>:</p><ul data-testid=\"forget-list\">");
            w.Add($"<li>{stats.Interventions:#,0} interventions (situations, responses, scores, outcomes and embeddings)</li>");
            w.Add($"<li>{stats.Reflections:#,0} session reflections and their insights</li><li>{(stats.Profiles > 0 ? "the saved profile (preferences and facts)" : "no saved profile")}</li>");
            w.Add($"<li>turns prepared for them and not yet completed</li><li>{(r.Sources.Traces is null ? "no local traces (they are off)" : "the local traces that mention them")}</li></ul>");
            w.Add($"<p>There is no undo. Export their data first if it is needed.</p>");
            w.Add($"<form method=\"post\" action=\"{r.Link("/users/" + DashboardRoutes.Segment(userId) + "/forget")}\"><button class=\"danger\" type=\"submit\">Forget {userId} permanently</button> ");
            w.Add($"<a href=\"{r.Link("/users/" + DashboardRoutes.Segment(userId))}\">Cancel</a></form>");
        });
        return DashboardResults.Html(html);
    }

    public static async Task<IResult> ForgetAsync(DashboardRequest r, string userId)
    {
        MemoryIds.ValidateUserId(userId, "user");
        await r.Scope.ForgetUserAsync(userId, r.Aborted).ConfigureAwait(false);
        var removed = await r.Scope.Memory.ForgetUserAsync(userId, r.Aborted).ConfigureAwait(false);
        // The hash is not tenant-qualified: a same-named user of another tenant loses their traces too (never the reverse leak).
        await r.Sources.Telemetry.ForgetUserAsync(userId, r.Aborted).ConfigureAwait(false);

        return Results.Redirect(r.Link("/users", ("forgotten", userId), ("removed", removed.ToString(System.Globalization.CultureInfo.InvariantCulture))), permanent: false);
    }

    public static async Task<IResult> ExportAsync(DashboardRequest r, string userId)
    {
        MemoryIds.ValidateUserId(userId, "user");
        var memory = r.Scope.Memory;
        var interventions = await memory.ListAsync(userId, Api.UserEndpoints.MaxExport, r.Aborted).ConfigureAwait(false);
        var reflections = await memory.ListReflectionsAsync(userId, Api.UserEndpoints.MaxExport, r.Aborted).ConfigureAwait(false);
        var profile = await memory.GetProfileAsync(userId, r.Aborted).ConfigureAwait(false);
        var export = new Api.Contracts.UserExport(userId, r.Sources.Options.TimeProvider.GetUtcNow(), [.. interventions.Select(Api.Contracts.InterventionView.From)], reflections, profile);
        r.Http.Response.Headers.ContentDisposition = $"attachment; filename=\"rapport-{DashboardRoutes.Segment(userId)}.json\"";
        return Results.Json(export, ExportJson.Options);
    }
}
