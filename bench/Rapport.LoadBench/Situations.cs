namespace Rapport.LoadBench;

/// <summary>Deterministic synthetic things users say and coach replies (no dataset): the same texts for the service and the embedder.</summary>
internal static class Situations
{
    private static readonly string[] Feelings = ["anxious", "stuck", "overwhelmed", "lonely", "tired", "restless", "low", "frustrated"];
    private static readonly string[] Topics =
    [
        "my exam tomorrow", "the deadline at work", "a fight with my sister", "not sleeping well", "moving to a new city",
        "my thesis chapter", "a job interview on Friday", "money this month", "my friend not answering", "starting the gym again",
    ];
    private static readonly string[] Openers = ["Honestly", "Today", "Again", "Lately", "Right now", "This week"];

    /// <summary>The situation of turn <paramref name="i"/>.</summary>
    public static string Situation(int i) =>
        $"{Openers[i % Openers.Length]} I feel {Feelings[i / Openers.Length % Feelings.Length]} about {Topics[i / 7 % Topics.Length]} (turn {i}).";

    /// <summary>The agent's response to turn <paramref name="i"/> (unique, so records can be counted by text).</summary>
    public static string Response(int i) => $"That sounds hard. What is one small thing you could do in the next ten minutes? (reply {i})";
}
