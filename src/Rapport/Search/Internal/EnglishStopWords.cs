namespace Rapport.Search.Internal;

/// <summary>English function words that carry no topic, removed before lexical indexing.</summary>
/// <remarks>Checked on lower-case words before stemming; words with an apostrophe appear joined (<c>dont</c>)
/// because <see cref="TextAnalyzer"/> removes apostrophes inside words.</remarks>
internal static class EnglishStopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "done", "down", "during", "each", "few", "for", "from", "further", "get", "got", "had",
        "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
        "in", "into", "is", "it", "its", "itself", "just", "let", "me", "more", "most", "my", "myself", "no", "nor",
        "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
        "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "im", "ive", "id", "ill", "youre", "youve",
        "hes", "shes", "thats", "theres", "theyre", "weve", "were", "cant", "wont", "couldnt", "shouldnt", "wouldnt",
        "lets", "whats", "yeah", "oh", "hey", "hi", "ok", "okay",
    };

    /// <summary>Returns whether <paramref name="word"/> (lower case) is a stop word.</summary>
    public static bool Contains(string word) => Words.Contains(word);
}
