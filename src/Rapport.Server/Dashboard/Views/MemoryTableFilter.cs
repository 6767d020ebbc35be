using System.Globalization;
using Rapport.Memory;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Html;

namespace Rapport.Server.Dashboard.Views;

/// <summary>The memories table's filters (kind, outcome, minimum quality, time), read from the query and checked.</summary>
internal sealed record MemoryTableFilter(string? Kind, InterventionOutcome? Outcome, double? MinQuality, DateOnly? Since, DateOnly? Until)
{
    public static MemoryTableFilter From(DashboardRequest r)
    {
        InterventionOutcome? outcome = null;
        if (r.Query("outcome") is { } o)
        {
            outcome = InterventionOutcomeText.TryParse(o, out var parsed)
                ? parsed : throw new ArgumentException($"Invalid outcome '{o}': use {InterventionOutcomeText.Accepted}.");
        }

        double? min = null;
        if (r.Query("minQuality") is { } q)
        {
            min = double.TryParse(q, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1
                ? v : throw new ArgumentException($"Invalid minimum quality '{q}': use a number from 0 to 1.");
        }

        return new MemoryTableFilter(r.Query("kind"), outcome, min, Date(r.Query("since"), "since"), Date(r.Query("until"), "until"));
    }

    public IReadOnlyList<Intervention> Apply(IReadOnlyList<Intervention> all) =>
    [
        .. all.Where(i => (Kind is null || i.Kind == Kind) && (Outcome is null || i.Outcome == Outcome)
            && (MinQuality is null || i.Quality >= MinQuality)
            && (Since is null || DateOnly.FromDateTime(i.CreatedAt.UtcDateTime) >= Since)
            && (Until is null || DateOnly.FromDateTime(i.CreatedAt.UtcDateTime) <= Until)),
    ];

    public void Form(HtmlWriter w, DashboardRequest r, string userId, IReadOnlyList<Intervention> all)
    {
        w.Add($"<form class=\"filters\" method=\"get\" action=\"{DashboardRoutes.Base}/users/{DashboardRoutes.Segment(userId)}#memories\" aria-label=\"Filter memories\">");
        w.Raw("<label>Kind<select name=\"kind\"><option value=\"\">any</option>");
        foreach (var kind in all.Select(i => i.Kind).Distinct().Order(StringComparer.Ordinal))
        {
            w.Add($"<option{new RawHtml(kind == Kind ? " selected" : "")}>{kind}</option>");
        }

        w.Raw("</select></label><label>Outcome<select name=\"outcome\"><option value=\"\">any</option>");
        foreach (var o in new[] { InterventionOutcome.Helped, InterventionOutcome.NotHelped, InterventionOutcome.Unknown })
        {
            var name = o.ToText();
            w.Add($"<option value=\"{name}\"{new RawHtml(o == Outcome ? " selected" : "")}>{name}</option>");
        }

        w.Add($"</select></label><label>Minimum quality<input name=\"minQuality\" type=\"number\" min=\"0\" max=\"1\" step=\"0.05\" value=\"{MinQuality}\"></label>");
        w.Add($"<label>From<input name=\"since\" type=\"date\" value=\"{Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\"></label>");
        w.Add($"<label>To<input name=\"until\" type=\"date\" value=\"{Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\"></label>");
        w.Add($"<input type=\"hidden\" name=\"tenant\" value=\"{(r.Tenant == r.Caller.Tenant ? "" : r.Tenant)}\"><button type=\"submit\">Filter</button></form>");
    }

    private static DateOnly? Date(string? text, string name) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new ArgumentException($"Invalid {name} '{text}': use a date as yyyy-MM-dd.");
}
