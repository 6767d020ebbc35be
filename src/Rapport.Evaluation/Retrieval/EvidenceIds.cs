using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapport.Evaluation.Retrieval;

/// <summary>Reads LoCoMo evidence ids, repairing the malformed ones that say clearly which turn they mean.</summary>
/// <remarks>
/// Canonical form: <c>D{session}:{turn}</c>. Accepted and repaired: several ids in one string separated by
/// <c>;</c>, <c>,</c> or spaces (<c>D8:6; D9:17</c>), a stray colon after the <c>D</c> (<c>D:11:26</c>), lower case,
/// spaces and leading zeros. Anything else (<c>D</c>, <c>D12</c>) is unreadable and skipped.
/// </remarks>
public static partial class EvidenceIds
{
    /// <summary>Splits <paramref name="raw"/> into canonical ids; <paramref name="repaired"/> says whether it needed repair.</summary>
    /// <returns>The canonical ids read (possibly none) and how many pieces were unreadable.</returns>
    public static (IReadOnlyList<string> Ids, int Unreadable) Parse(string? raw, out bool repaired)
    {
        repaired = false;
        var ids = new List<string>();
        var unreadable = 0;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (ids, 1);
        }

        var pieces = Separator().Split(raw.Trim()).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        repaired = pieces.Length > 1;
        foreach (var piece in pieces)
        {
            var match = Pattern().Match(piece);
            if (!match.Success)
            {
                unreadable++;
                continue;
            }

            var canonical = string.Create(
                CultureInfo.InvariantCulture, $"D{int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)}:{int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)}");
            repaired |= !string.Equals(canonical, piece, StringComparison.Ordinal);
            ids.Add(canonical);
        }

        return (ids, unreadable);
    }

    [GeneratedRegex(@"[;,]|\s+(?=[Dd]\s*:?\s*\d)")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^[Dd]\s*:?\s*(\d{1,6})\s*:\s*(\d{1,6})$")]
    private static partial Regex Pattern();
}
