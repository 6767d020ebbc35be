using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>The parts of the user page: profile, learning estimates with evidence, memories and reflections.</summary>
internal static class UserSections
{
    public static void Profile(HtmlWriter w, UserProfile profile)
    {
        w.Raw("<h2>Profile</h2>");
        if (profile.Preferences.Count == 0 && profile.Facts.Count == 0)
        {
            w.Raw("<p class=\"muted\">No stated preferences or facts.</p>");
        }
        else
        {
            w.Raw("<ul>");
            foreach (var (key, value) in profile.Preferences)
            {
                w.Add($"<li>{key} = {value}</li>");
            }

            foreach (var fact in profile.Facts)
            {
                w.Add($"<li>{fact}</li>");
            }

            w.Raw("</ul>");
        }

        w.Add($"<p class=\"muted\">Last activity {(profile.LastActivity is { } t ? Format.Time(t) : "–")} (UTC).</p>");
        w.Raw("<table><caption class=\"visually-hidden\">Outcomes per kind</caption><thead><tr><th scope=\"col\">kind</th><th scope=\"col\" class=\"num\">interventions</th><th scope=\"col\" class=\"num\">helped</th><th scope=\"col\" class=\"num\">not helped</th></tr></thead><tbody>");
        foreach (var (kind, c) in profile.KindOutcomes.OrderByDescending(k => k.Value.Total))
        {
            w.Add($"<tr><td>{kind}</td><td class=\"num\">{c.Total}</td><td class=\"num\">{c.Helped}</td><td class=\"num\">{c.NotHelped}</td></tr>");
        }

        w.Raw("</tbody></table>");
    }

    public static void Estimates(HtmlWriter w, DashboardRequest r, string userId, PreparedTurn? turn)
    {
        w.Raw("<h2 id=\"learning\">What Rapport expects per kind</h2>");
        if (turn is null)
        {
            w.Raw("<p class=\"muted\">No memories to learn from yet.</p>");
            return;
        }

        w.Add($"<form class=\"filters\" method=\"get\" action=\"{DashboardRoutes.Base}/users/{DashboardRoutes.Segment(userId)}#learning\"><label>For a situation like<input name=\"situation\" size=\"60\" maxlength=\"2000\" value=\"{turn.Situation}\"></label>");
        w.Add($"<input type=\"hidden\" name=\"tenant\" value=\"{(r.Tenant == r.Caller.Tenant ? "" : r.Tenant)}\"><button type=\"submit\">Estimate</button></form>");
        w.Raw("<table data-testid=\"estimates\"><thead><tr><th scope=\"col\">kind</th><th scope=\"col\" class=\"num\">expected to help</th><th scope=\"col\" class=\"num\">helped (weighted)</th><th scope=\"col\" class=\"num\">not helped (weighted)</th><th scope=\"col\" class=\"num\">outcomes read</th><th scope=\"col\" class=\"num\">population rate</th><th scope=\"col\">evidence: most similar past cases</th></tr></thead><tbody>");
        foreach (var e in turn.Recommendation.Ranked)
        {
            w.Add($"<tr><td>{e.Kind}</td><td class=\"num\">{e.Expected:0%}</td><td class=\"num\">{e.Helped:0.0}</td><td class=\"num\">{e.NotHelped:0.0}</td><td class=\"num\">{e.Outcomes}</td><td class=\"num\">{e.PopulationRate:0%}</td><td>");
            if (e.SimilarCases.Count == 0)
            {
                w.Raw("<span class=\"muted\">none: the population prior alone</span>");
            }
            else
            {
                w.Add($"<details><summary>{e.SimilarCases.Count} case(s)</summary><ul>");
                foreach (var hit in e.SimilarCases)
                {
                    w.Add($"<li>{hit.Similarity:0.00} similar · {hit.Intervention.Outcome.ToText()} · {Format.Time(hit.Intervention.CreatedAt)}: {hit.Intervention.Situation}</li>");
                }

                w.Raw("</ul></details>");
            }

            w.Raw("</td></tr>");
        }

        w.Raw("</tbody></table>");
    }

    public static void Memories(HtmlWriter w, IReadOnlyList<Intervention> shown, int read)
    {
        w.Add($"<p class=\"muted\" data-testid=\"memory-count\">{shown.Count} of the {read} newest memories{(read == UserPage.MaxMemories ? " (the table reads at most 1,000)" : "")}.</p>");
        w.Raw("<table data-testid=\"memories\"><thead><tr><th scope=\"col\">time (UTC)</th><th scope=\"col\">kind</th><th scope=\"col\">outcome</th><th scope=\"col\" class=\"num\">quality</th><th scope=\"col\">situation</th><th scope=\"col\">response</th></tr></thead><tbody>");
        foreach (var i in shown)
        {
            var low = i.Metadata.ContainsKey(Recording.RecordingOptions.LowQualityKey) ? " (low)" : "";
            w.Add($"<tr><td>{Format.Time(i.CreatedAt)}</td><td>{i.Kind}</td><td>{i.Outcome.ToText()}</td><td class=\"num\">{Format.Number(i.Quality)}{low}</td><td>{i.Situation}</td><td>{i.Text}</td></tr>");
        }

        w.Raw("</tbody></table>");
    }

    public static void Reflections(HtmlWriter w, IReadOnlyList<SessionReflection> reflections)
    {
        w.Raw("<h2>Reflections and insights</h2>");
        if (reflections.Count == 0)
        {
            w.Raw("<p class=\"muted\">No session has been reflected upon.</p>");
            return;
        }

        foreach (var reflection in reflections)
        {
            w.Add($"<article><h3>Session {reflection.SessionId} · {Format.Time(reflection.CreatedAt)}</h3><p>{reflection.Summary}</p>");
            w.Add($"<p class=\"muted\">{reflection.InterventionCount} interventions, {reflection.HelpedCount} helped, {reflection.NotHelpedCount} did not.</p><ul>");
            foreach (var insight in reflection.Insights)
            {
                w.Add($"<li>{insight}</li>");
            }

            w.Raw("</ul></article>");
        }
    }
}
