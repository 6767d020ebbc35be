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

    public static bool Overlap(string response, string before)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(before))
        {
            seen.Add(word);
        }

        foreach (var word in Words(response))
        {
            if (seen.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Words(string text)
    {
        var i = 0;
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

            if (i - start >= 3)
            {
                var word = text[start..i];
                if (!FunctionWords.Contains(word))
                {
                    yield return Stem(word);
                }
            }
        }
    }

    private static string Stem(string word)
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
}
