namespace Rapport.Demo;

/// <summary>The types of situation the simulated users meet, each with its own phrasings, and shared openers and closers.</summary>
/// <remarks>Self-written. A situation is an opener, a core phrasing of its type and a closer, so the same type reads many
/// ways and different types share words; the coaches see only the text.</remarks>
public static class SituationBank
{
    /// <summary>Gets the core phrasings per type of situation.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Types { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["workload"] =
        [
            "my boss just dumped three more tasks on me and the deadline is Friday",
            "there is way too much on my plate at work this week",
            "I'm behind on every project and the emails keep coming",
            "the release is tomorrow and half of it is still broken",
            "I have a report due in two hours and I haven't started",
            "my to-do list at work keeps growing faster than I can finish things",
            "I stayed late again and I'm still not done with the quarterly numbers",
            "everyone at the office needs something from me right now",
        ],
        ["performance"] =
        [
            "I have to present to the whole team tomorrow and my hands are shaking",
            "my job interview is in an hour and my mind has gone blank",
            "I'm giving a talk on stage tonight and I feel sick",
            "the exam starts soon and I'm sure I will fail",
            "I have to speak up in the big meeting later and my heart is racing",
            "my recital is this evening and I keep imagining messing up",
            "tomorrow I defend my thesis in front of the committee",
            "I'm about to pitch to the investors and I can't stop trembling",
        ],
        ["sleep"] =
        [
            "it's 2am and I still can't sleep, my mind keeps racing",
            "I keep waking up at 4 in the morning and can't get back to sleep",
            "I've been tossing and turning in bed for hours",
            "I'm exhausted but every time I lie down my thoughts start spinning",
            "I slept maybe three hours last night and it's happening again",
            "I dread going to bed because I know I'll lie awake",
            "my insomnia is back and the nights feel endless",
            "I woke from a nightmare and my body won't calm down enough to sleep",
        ],
        ["conflict"] =
        [
            "I had a big argument with my sister and I can't stop replaying it",
            "my partner and I fought again about the same thing",
            "my best friend said something hurtful and I don't know how to respond",
            "my roommate and I are not speaking after last night",
            "my dad criticised me in front of everyone at dinner",
            "a colleague took credit for my work and I'm furious with him",
            "my mother keeps calling to blame me for the family falling out",
            "I snapped at my kids and now we're all upset with each other",
        ],
    };

    /// <summary>Gets the openers any situation may start with.</summary>
    public static IReadOnlyList<string> Openers { get; } = ["", "Honestly, ", "Ugh. ", "Not a great day. ", "Quick one: ", "So, "];

    /// <summary>Gets the closers any situation may end with.</summary>
    public static IReadOnlyList<string> Closers { get; } = [".", ". What do I do?", ". I feel stuck.", ". Any ideas?", ", and I'm so tired of it."];

    /// <summary>Returns every wording <see cref="Word"/> can produce, in a fixed order.</summary>
    public static IEnumerable<string> AllPhrasings() =>
        from cores in Types.Values
        from core in cores
        from opener in Openers
        from closer in Closers
        select Compose(opener, core, closer);

    /// <summary>Words a situation of <paramref name="type"/> with the given random source.</summary>
    public static string Word(string type, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var cores = Types[type];
        var opener = Openers[random.Next(Openers.Count)];
        var core = cores[random.Next(cores.Count)];
        return Compose(opener, core, Closers[random.Next(Closers.Count)]);
    }

    private static string Compose(string opener, string core, string closer)
    {
        var text = opener + core + closer;
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
