using System.Text;
using System.Text.Encodings.Web;

namespace Rapport.Server.Dashboard.Access;

/// <summary>The dashboard's paths, and links that keep the selected tenant.</summary>
internal static class DashboardRoutes
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Base = "/dashboard";

    /// <summary>Builds a link to <paramref name="path"/> (under <see cref="Base"/>) with the non-empty query values.</summary>
    public static string Link(string path, params (string Name, string? Value)[] query)
    {
        var link = new StringBuilder(Base).Append(path);
        var first = true;
        foreach (var (name, value) in query)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            link.Append(first ? '?' : '&').Append(name).Append('=').Append(UrlEncoder.Default.Encode(value));
            first = false;
        }

        return link.ToString();
    }

    /// <summary>Encodes one path segment (a user id, a run id).</summary>
    public static string Segment(string value) => UrlEncoder.Default.Encode(value);
}
