using System.Globalization;
using System.Text;

namespace Rapport.Search.Internal;

/// <summary>Turns text into the terms that lexical search indexes and queries with.</summary>
/// <remarks>
/// <para>
/// Steps: Unicode NFKC (full-width forms, ligatures), lower case (invariant), accents folded on Latin letters only
/// (<c>café</c> = <c>cafe</c>; marks of other scripts, such as Devanagari vowel signs, are part of the word and kept),
/// words split on anything that is not a letter, digit or in-word apostrophe, English possessives and apostrophes
/// dropped (<c>Caroline's</c> = <c>caroline</c>, <c>don't</c> = <c>dont</c>), English stop words removed, and
/// an English light stemmer applied to words written only in a-z.
/// </para>
/// <para>
/// Scripts written without spaces (Han, Hiragana, Katakana, Thai, ...) have no word boundaries to split on: a run
/// of such characters becomes its overlapping character bigrams (a single character stays a unigram), the usual
/// choice of CJK full-text analyzers. Other languages get case, accent and punctuation handling and rely on
/// inverse document frequency to discount their common words, since English stop words and stemming never apply
/// to words containing letters outside a-z. Stateless and thread-safe.
/// </para>
/// </remarks>
internal static class TextAnalyzer
{
    /// <summary>Appends the terms of <paramref name="text"/> to <paramref name="terms"/>.</summary>
    public static void Analyze(string? text, List<string> terms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var normalized = Fold(text);
        var word = new StringBuilder();
        var unspaced = new StringBuilder();
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (IsUnspacedScript(c))
            {
                Flush(word, terms);
                unspaced.Append(c);
                continue;
            }

            FlushUnspaced(unspaced, terms);
            if (char.IsLetterOrDigit(c) || IsInWordMark(c, word))
            {
                word.Append(c);
            }
            else if (IsApostrophe(c) && word.Length > 0 && i + 1 < normalized.Length && char.IsLetter(normalized[i + 1]))
            {
                // "'s" at a word's end is a possessive (dropped); elsewhere the apostrophe just joins ("dont").
                var possessive = normalized[i + 1] == 's' && (i + 2 >= normalized.Length || !char.IsLetterOrDigit(normalized[i + 2]));
                if (possessive)
                {
                    i++;
                }
            }
            else
            {
                Flush(word, terms);
            }
        }

        Flush(word, terms);
        FlushUnspaced(unspaced, terms);
    }

    /// <summary>Returns the terms of <paramref name="text"/>.</summary>
    public static List<string> Analyze(string? text)
    {
        var terms = new List<string>();
        Analyze(text, terms);
        return terms;
    }

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length == 0)
        {
            return;
        }

        var value = word.ToString();
        word.Clear();
        if (IsPlainAscii(value))
        {
            if (EnglishStopWords.Contains(value))
            {
                return;
            }

            value = EnglishStemmer.Stem(value);
        }

        terms.Add(value);
    }

    private static void FlushUnspaced(StringBuilder run, List<string> terms)
    {
        if (run.Length == 1)
        {
            terms.Add(run.ToString());
        }

        for (var i = 0; i + 1 < run.Length; i++)
        {
            terms.Add(run.ToString(i, 2));
        }

        run.Clear();
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var previousBase = '\0';
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // Accents on Latin letters fold away; marks of other scripts carry meaning and stay.
                if (previousBase > 0x24F)
                {
                    folded.Append(c);
                }

                continue;
            }

            previousBase = c;
            folded.Append(c);
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsInWordMark(char c, StringBuilder word) =>
        word.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static bool IsPlainAscii(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    // Scripts with no spaces between words: CJK ideographs, kana, Thai, Lao, Khmer, Myanmar.
    private static bool IsUnspacedScript(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\u0E00' and <= '\u0EFF') or (>= '\u1000' and <= '\u109F')
            or (>= '\u1780' and <= '\u17FF');
}
