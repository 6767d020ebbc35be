using System.Text.RegularExpressions;

namespace Rapport.BehaviourFit;

/// <summary>Undoes the word tokenization of MultiESC text ("I ' m fine ." to "I'm fine.") so patterns see normal text.</summary>
internal static partial class Detokenize
{
    public static string Text(string text)
    {
        text = Apostrophe().Replace(text, "'$1");
        return Punctuation().Replace(text, "$1");
    }

    [GeneratedRegex(@"\s*'\s*(s|m|re|ve|ll|d|t)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Apostrophe();

    [GeneratedRegex(@"\s+([?.,!])")]
    private static partial Regex Punctuation();
}
