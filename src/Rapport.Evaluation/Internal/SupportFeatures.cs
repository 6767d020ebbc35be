namespace Rapport.Evaluation.Internal;

/// <summary>The interpretable features of one turn that the offline supportiveness model weighs.</summary>
/// <remarks>
/// Features are in 0..1 (the echo feature in -1..1): how much the turn says (piecewise-linear word-count ramps that stop
/// growing at 60 words), the supportive cue families of <see cref="SupportLexicon"/> (present or not), minimizing
/// language, and whether the turn takes up the person's own words (+1 yes, -1 no, 0 when what they said is unknown).
/// Dismissive, blaming and preachy cues are not features: the first two are too rare in any data to fit, and preachy
/// language ("you need to") goes with better outcomes in the data, so all three cost fixed penalties in the scorer. Questions, second-person address, self-focus and bare fillers were tried and dropped: on the
/// training splits they carried no consistent signal (docs/evaluation.md).
/// </remarks>
internal static class SupportFeatures
{
    public const int Count = 13;

    public const int Validation = 5;
    public const int Warmth = 6;
    public const int Reflection = 7;
    public const int Collaboration = 8;
    public const int NextStep = 9;
    public const int SelfDisclosure = 10;
    public const int Minimizing = 11;
    public const int Echo = 12;

    /// <summary>The feature names, in vector order; index 0 is the constant.</summary>
    public static readonly string[] Names =
    [
        "bias",
        "words 0-5", "words 5-15", "words 15-30", "words 30-60",
        "validation", "warmth", "reflection", "collaboration", "next step", "self-disclosure",
        "minimizing", "echoes the person",
    ];

    /// <summary>Fills <paramref name="features"/> for normalized <paramref name="text"/> (<see cref="PlainText.Normalize"/>) of
    /// <paramref name="words"/> words, answering the normalized <paramref name="before"/> (what the person said; empty when unknown).</summary>
    public static void Extract(string text, int words, string before, Span<double> features)
    {
        features.Clear();
        features[0] = 1;
        features[1] = Ramp(words, 0, 5);
        features[2] = Ramp(words, 5, 15);
        features[3] = Ramp(words, 15, 30);
        features[4] = Ramp(words, 30, 60);
        features[Validation] = Present(SupportLexicon.Validation().IsMatch(text));
        features[Warmth] = Present(SupportLexicon.Warmth().IsMatch(text));
        features[Reflection] = Present(SupportLexicon.Reflection().IsMatch(text));
        features[Collaboration] = Present(SupportLexicon.Collaboration().IsMatch(text));
        features[NextStep] = Present(SupportLexicon.NextStep().IsMatch(text));
        features[SelfDisclosure] = Present(SupportLexicon.SelfDisclosure().IsMatch(text));
        features[Minimizing] = Present(HasUnnegated(SupportLexicon.Minimizing(), text));
        features[Echo] = before.Length == 0 ? 0 : ContentWords.Overlap(text, before) ? 1 : -1;
    }

    /// <summary>Whether <paramref name="pattern"/> matches somewhere not negated ("not your fault").</summary>
    public static bool HasUnnegated(System.Text.RegularExpressions.Regex pattern, string text)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (!SupportLexicon.IsNegated(text, match.Index))
            {
                return true;
            }
        }

        return false;
    }

    private static double Ramp(int words, int from, int to) => Math.Clamp((double)(words - from) / (to - from), 0, 1);

    private static double Present(bool value) => value ? 1 : 0;
}
