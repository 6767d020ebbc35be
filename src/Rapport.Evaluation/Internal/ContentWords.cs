namespace Rapport.Evaluation.Internal;

/// <summary>Whether a response takes up the person's own words: a content word (not a function word, three letters or more) of both.</summary>
/// <remarks>Words are compared after dropping a few English endings ("worried" and "worry", "exams" and "exam" match).</remarks>
internal static class ContentWords
{
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "the", "and", "but", "for", "with", "are", "was", "were", "been", "being", "that", "this", "these", "those", "just",
        "did", "does", "have", "has", "had", "not", "yes", "what", "how", "why", "when", "where", "who", "which", "can",
        "could", "would", "will", "should", "shall", "might", "must", "may", "i'm", "it's", "that's", "you're", "i've",
        "don't", "can't", "didn't", "doesn't", "isn't", "wasn't", "about", "they", "them", "their", "there", "then",
        "than", "she", "her", "his", "him", "our", "ours", "your", "yours", "you", "from", "out", "get", "got", "like",
        "know", "think", "feel", "feeling", "felt", "really", "very", "much", "more", "some", "any", "all", "one", "too",
        "also", "well", "okay", "hello", "hey", "thanks", "thank", "into", "onto", "over", "because", "it'll", "i'll",
        "going", "want", "make", "made", "time", "now", "here", "its", "let", "lot", "way", "things", "thing", "something",
        "anything", "everything", "nothing", "people", "myself", "yourself", "sure", "maybe", "good", "great", "right",
        "other", "even", "still", "only", "such", "say", "said", "tell", "told", "see", "yeah",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWordSpans = FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether normalized <paramref name="response"/> and <paramref name="before"/> share a content word.</summary>
    /// <remarks>Allocation-free: the person's first 256 content words are kept as hashes of their stems.</remarks>
    public static bool Overlap(string response, string before)
    {
        Span<ulong> seen = stackalloc ulong[256];
        var count = 0;
        var text = before.AsSpan();
        for (var i = 0; count < seen.Length && Next(text, ref i) is { Length: > 0 } word;)
        {
            seen[count++] = Hash(word);
        }

        if (count == 0)
        {
            return false;
        }

        seen = seen[..count];
        text = response.AsSpan();
        for (var i = 0; Next(text, ref i) is { Length: > 0 } word;)
        {
            if (seen.Contains(Hash(word)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the stem hashes of the content words of normalized <paramref name="text"/>, up to the span's length; returns how many.</summary>
    public static int Stems(string text, Span<ulong> hashes)
    {
        var count = 0;
        var span = text.AsSpan();
        for (var i = 0; count < hashes.Length && Next(span, ref i) is { Length: > 0 } word;)
        {
            hashes[count++] = Hash(word);
        }

        return count;
    }

    // The stem of the next content word at or after i, or empty at the end of the text.
    private static ReadOnlySpan<char> Next(ReadOnlySpan<char> text, ref int i)
    {
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || (text[i] == '\'' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }

            var word = text[start..i];
            if (word.Length >= 3 && !FunctionWordSpans.Contains(word))
            {
                return Stem(word);
            }
        }

        return [];
    }

    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word)
    {
        foreach (var ending in (ReadOnlySpan<string>)["ing", "ied", "ies", "ed", "es", "ly", "s", "y"])
        {
            if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }

    // FNV-1a over the characters: equal stems give equal hashes; a collision would only add a spurious overlap.
    private static ulong Hash(ReadOnlySpan<char> word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
