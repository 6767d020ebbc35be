using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Evaluation.Judges;

namespace Rapport.Evaluation.Internal;

/// <summary>Reads a judge's 1-5 score and reason from its reply: JSON first, else a lone digit; otherwise it fails.</summary>
internal static partial class JudgeReplyParser
{
    public static JudgeVerdict Parse(string reply)
    {
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start >= 0 && end > start)
        {
            try
            {
                using var document = JsonDocument.Parse(reply.AsMemory(start, end - start + 1));
                var root = document.RootElement;
                if (root.TryGetProperty("score", out var s) && s.TryGetDouble(out var score) && score is >= 1 and <= 5)
                {
                    var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    return new JudgeVerdict((score - 1) / 4, string.IsNullOrWhiteSpace(reason) ? "judge gave no reason" : reason);
                }
            }
            catch (JsonException)
            {
                // Fall through to the plain-digit form.
            }
        }

        var match = LoneDigit().Match(reply);
        if (match.Success)
        {
            var score = int.Parse(match.Value, CultureInfo.InvariantCulture);
            return new JudgeVerdict((score - 1) / 4.0, "judge answered without a reason");
        }

        var shown = reply.Length > 80 ? reply[..80] + "..." : reply;
        throw new FormatException($"expected {{\"score\": 1-5, \"reason\": ...}}, got \"{shown}\"");
    }

    public static bool TryParse(string reply, out JudgeVerdict? verdict)
    {
        try
        {
            verdict = Parse(reply);
            return true;
        }
        catch (FormatException)
        {
            verdict = null;
            return false;
        }
    }

    [GeneratedRegex(@"(?<![\d.])[1-5](?![\d.])")]
    private static partial Regex LoneDigit();
}
