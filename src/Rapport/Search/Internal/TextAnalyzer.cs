using System.Buffers;
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
    /// <param name="text">The text to analyze.</param>
    /// <param name="terms">The list the terms are appended to.</param>
    /// <param name="cache">Words already turned into terms during one bulk analysis, or null.</param>
    public static void Analyze(string? text, List<string> terms, TermCache? cache = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (Ascii.IsValid(text))
        {
            // ASCII is its own NFKC, NFD and NFC form and has no marks: lower case is all folding does, into a pooled buffer
            // (a cold load analyzes two fields of thousands of memories; a lowered copy of each was a string to collect).
            var lowered = ArrayPool<char>.Shared.Rent(text.Length);
            Ascii.ToLower(text, lowered, out var written);
            Split(lowered.AsSpan(0, written), terms, cache);
            ArrayPool<char>.Shared.Return(lowered);
            return;
        }

        Split(Fold(text), terms, cache);
    }

    // Splits folded text into terms (see the remarks on the class).
    private static void Split(ReadOnlySpan<char> normalized, List<string> terms, TermCache? cache)
    {
        // A word never holds more characters than the text it comes from.
        var word = ArrayPool<char>.Shared.Rent(normalized.Length);
        var length = 0;
        var unspacedStart = -1;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (IsUnspacedScript(c))
            {
                Flush(word, ref length, terms, cache);
                unspacedStart = unspacedStart < 0 ? i : unspacedStart;
                continue;
            }

            FlushUnspaced(normalized, ref unspacedStart, i, terms);
            if (char.IsLetterOrDigit(c) || (length > 0 && IsMark(c)))
            {
                word[length++] = c;
            }
            else if (IsApostrophe(c) && length > 0 && i + 1 < normalized.Length && char.IsLetter(normalized[i + 1]))
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
                Flush(word, ref length, terms, cache);
            }
        }

        Flush(word, ref length, terms, cache);
        FlushUnspaced(normalized, ref unspacedStart, normalized.Length, terms);
        ArrayPool<char>.Shared.Return(word);
    }

    /// <summary>Returns the terms of <paramref name="text"/>.</summary>
    public static List<string> Analyze(string? text)
    {
        var terms = new List<string>();
        Analyze(text, terms);
        return terms;
    }

    /// <summary>Returns the term a folded word stands for (stop words removed, English words stemmed), or null.</summary>
    internal static string? Term(string word)
    {
        if (IsPlainAscii(word))
        {
            return EnglishStopWords.Contains(word) ? null : EnglishStemmer.Stem(word);
        }

        return word;
    }

    private static void Flush(char[] word, ref int length, List<string> terms, TermCache? cache)
    {
        if (length == 0)
        {
            return;
        }

        var chars = word.AsSpan(0, length);
        length = 0;
        var term = cache is null ? Term(chars.ToString()) : cache.Term(chars);
        if (term is not null)
        {
            terms.Add(term);
        }
    }

    private static void FlushUnspaced(ReadOnlySpan<char> normalized, ref int start, int end, List<string> terms)
    {
        if (start < 0)
        {
            return;
        }

        if (end - start == 1)
        {
            terms.Add(normalized.Slice(start, 1).ToString());
        }

        for (var i = start; i + 1 < end; i++)
        {
            terms.Add(normalized.Slice(i, 2).ToString());
        }

        start = -1;
    }

    // Folds text that is not plain ASCII (see the remarks on the class).
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

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

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
