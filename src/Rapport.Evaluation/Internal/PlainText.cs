using System.Text;
using System.Text.RegularExpressions;

namespace Rapport.Evaluation.Internal;

/// <summary>Strips markup (HTML tags, Markdown emphasis, headings, links, code fences) so scorers see spoken text.</summary>
internal static partial class PlainText
{
    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        // Fast path: most coaching turns carry no markup at all.
        if (text.AsSpan().IndexOfAny(MarkupChars) < 0)
        {
            return text.Trim();
        }

        var s = HtmlTag().Replace(text, " ");
        s = MarkdownLink().Replace(s, "$1");
        s = MarkdownSyntax().Replace(s, "");
        s = s.Replace("&nbsp;", " ", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
        return Whitespace().Replace(s, " ").Trim();
    }

    /// <summary>Lower-cases ASCII letters and folds typographic apostrophes so lexicon patterns match.</summary>
    public static string Normalize(string plain)
    {
        var builder = new StringBuilder(plain.Length);
        foreach (var c in plain)
        {
            builder.Append(c switch
            {
                '\u2019' or '\u2018' or '`' => '\'',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> MarkupChars = System.Buffers.SearchValues.Create("<>*_#`[]&|~");

    [GeneratedRegex(@"<[^>]{1,200}>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(```[a-z]*|\*\*|__|~~|(?m:^\s{0,3}#{1,6}\s)|(?m:^\s*[-*+>]\s)|(?m:^\s*\|)|\|\s*$|[*`|])")]
    private static partial Regex MarkdownSyntax();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
