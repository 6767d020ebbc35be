namespace Rapport.Cli.Output;

/// <summary>Fits a person's text into a terminal line: one line, cut on a word boundary with an ellipsis.</summary>
internal static class TextFit
{
    /// <summary>The width every table and list of the CLI fits in (documented in docs/cli.md).</summary>
    public const int Width = 80;

    /// <summary>Returns <paramref name="text"/> on one line (line breaks become spaces), at most <paramref name="max"/>
    /// characters; a longer text is cut at the last space before the limit (mid-word only for a single long word) and
    /// ends with "…".</summary>
    public static string Line(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', max - 1);
        var head = cut > max / 3 ? flat[..cut] : flat[..(max - 1)];
        return head.TrimEnd(' ', ',', ';', ':', '.') + "…";
    }
}
