namespace Rapport.Search.Internal;

/// <summary>The Porter (1980) stemmer for English words written in a-z, so that <c>painting</c>, <c>painted</c> and <c>paints</c> meet.</summary>
/// <remarks>Only ever given lower-case a-z words (see <see cref="TextAnalyzer"/>); words of two letters or fewer are
/// returned unchanged. Stateless and thread-safe.</remarks>
internal static class EnglishStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    /// <summary>Returns the stem of <paramref name="word"/>.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 2)
        {
            return word;
        }

        var w = Step1A(word);
        w = Step1B(w);
        if (w.EndsWith('y') && HasVowel(w, w.Length - 1))
        {
            w = string.Concat(w.AsSpan(0, w.Length - 1), "i");
        }

        w = Replace(w, Step2Rules, 0);
        w = Replace(w, Step3Rules, 0);
        w = Step4(w);
        return Step5(w);
    }

    private static string Step1A(string w) =>
        w.EndsWith("sses", StringComparison.Ordinal) ? w[..^2]
        : w.EndsWith("ies", StringComparison.Ordinal) ? w[..^2]
        : w.EndsWith("ss", StringComparison.Ordinal) ? w
        : w.EndsWith('s') ? w[..^1]
        : w;

    private static string Step1B(string w)
    {
        if (w.EndsWith("eed", StringComparison.Ordinal))
        {
            return Measure(w, w.Length - 3) > 0 ? w[..^1] : w;
        }

        string stem;
        if (w.EndsWith("ed", StringComparison.Ordinal) && HasVowel(w, w.Length - 2))
        {
            stem = w[..^2];
        }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && HasVowel(w, w.Length - 3))
        {
            stem = w[..^3];
        }
        else
        {
            return w;
        }

        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal))
        {
            return stem + "e";
        }

        var n = stem.Length;
        if (n >= 2 && stem[n - 1] == stem[n - 2] && IsConsonant(stem, n - 1) && stem[n - 1] is not ('l' or 's' or 'z'))
        {
            return stem[..^1];
        }

        return Measure(stem, n) == 1 && EndsCvc(stem, n) ? stem + "e" : stem;
    }

    private static string Step4(string w)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var stemLength = w.Length - suffix.Length;
            if (Measure(w, stemLength) <= 1)
            {
                return w;
            }

            return suffix == "ion" && (stemLength == 0 || w[stemLength - 1] is not ('s' or 't')) ? w : w[..stemLength];
        }

        return w;
    }

    private static string Step5(string w)
    {
        if (w.EndsWith('e'))
        {
            var m = Measure(w, w.Length - 1);
            if (m > 1 || (m == 1 && !EndsCvc(w, w.Length - 1)))
            {
                w = w[..^1];
            }
        }

        return w.Length > 1 && w.EndsWith("ll", StringComparison.Ordinal) && Measure(w, w.Length) > 1 ? w[..^1] : w;
    }

    private static string Replace(string w, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stemLength = w.Length - suffix.Length;
                return Measure(w, stemLength) > minMeasure ? string.Concat(w.AsSpan(0, stemLength), replacement) : w;
            }
        }

        return w;
    }

    private static bool IsConsonant(string w, int i) =>
        w[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(w, i - 1),
            _ => true,
        };

    // The number of vowel-consonant sequences in w[..length]: [C](VC)^m[V].
    private static int Measure(string w, int length)
    {
        var m = 0;
        var i = 0;
        while (i < length && IsConsonant(w, i))
        {
            i++;
        }

        while (i < length)
        {
            while (i < length && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= length)
            {
                break;
            }

            m++;
            while (i < length && IsConsonant(w, i))
            {
                i++;
            }
        }

        return m;
    }

    private static bool HasVowel(string w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsCvc(string w, int length) =>
        length >= 3 && IsConsonant(w, length - 3) && !IsConsonant(w, length - 2) && IsConsonant(w, length - 1)
        && w[length - 1] is not ('w' or 'x' or 'y');
}
