namespace Rapport.Benchmarks.Embeddings;

/// <summary>Situation sentences like those a coaching agent embeds (8 to 25 tokens).</summary>
internal static class SentenceCorpus
{
    private static readonly string[] Samples =
    [
        "I feel anxious about my exam tomorrow",
        "My boss yelled at me in front of everyone and I can't stop thinking about it",
        "I can't sleep because I keep worrying about work",
        "I'm exhausted and have no energy left after a long week",
        "I had a panic attack on the train this morning",
        "I feel lonely since I moved to a new city for my job",
        "I keep procrastinating on my thesis and the deadline is close",
        "My heart is racing and I can't calm down",
    ];

    public static string[] Sentences(int count) => [.. Enumerable.Range(0, count).Select(i => $"{Samples[i % Samples.Length]} ({i})")];
}
