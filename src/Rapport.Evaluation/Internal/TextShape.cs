namespace Rapport.Evaluation.Internal;

/// <summary>Counts words and sentences of plain text without allocating.</summary>
/// <remarks>
/// A word is a run of letters or digits (apostrophes and hyphens inside it allowed). Scripts written without spaces
/// (Chinese, Japanese) count two characters as one word, roughly what a speaker needs to say them. A sentence ends at
/// <c>. ! ? …</c> or their full-width forms; text after the last terminator counts as a sentence when it has a word.
/// </remarks>
internal static class TextShape
{
    public static (int Words, int Sentences) Measure(ReadOnlySpan<char> text)
    {
        var words = 0;
        var sentences = 0;
        var cjk = 0;
        var inWord = false;
        var wordsInSentence = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsCjk(c))
            {
                cjk++;
                wordsInSentence++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c) || (inWord && (c is '\'' or '\u2019' or '-') && i + 1 < text.Length && char.IsLetter(text[i + 1])))
            {
                if (!inWord)
                {
                    words++;
                    wordsInSentence++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
                if (IsTerminator(c) && wordsInSentence > 0 && !IsInsideNumber(text, i))
                {
                    sentences++;
                    wordsInSentence = 0;
                }
            }
        }

        if (wordsInSentence > 0)
        {
            sentences++;
        }

        return (words + ((cjk + 1) / 2), sentences);
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '\u2026' or '\u3002' or '\uFF01' or '\uFF1F';

    // "4.5" and "7.30" are numbers, not sentence ends.
    private static bool IsInsideNumber(ReadOnlySpan<char> text, int i) =>
        text[i] == '.' && i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]);

    private static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF';
}
