using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Behaviour;

/// <summary>The lexical features of a (previous message, turn) pair that the behaviour models weigh.</summary>
/// <remarks>
/// Question form (including short when/where/how-long questions, which ask for a fact), directive and suggestion language, person, feeling words, content taken up from the previous message
/// against content added, reflection, affirmation, collaboration and confrontation cues, and whether the previous
/// message asked for advice. Values are in 0..1 and rounded to 6 decimals, so a refit reproduces the same numbers.
/// The embedding model adds the cosine of the two messages and the turn's embedding (<see cref="BehaviourModel"/>).
/// </remarks>
internal static class PairFeatures
{
    /// <summary>The feature names, in vector order; index 0 is the constant.</summary>
    public static readonly string[] Names =
    [
        "bias", "has ?", "ends with ?", "wh question", "auxiliary-first question", "tag question", "share of questions",
        "directive", "suggestion", "imperative start", "second person", "first person", "helper's own experience",
        "feeling word", "feeling word added", "turn words taken up", "previous words covered", "new content words",
        "repeats a phrase", "continues the sentence", "four words or fewer", "log words", "reflection stem",
        "double-sided", "summary cue", "affirmation cue", "collaboration cue", "confronting cue", "preachy cue",
        "validation cue", "warmth cue", "next-step cue", "filler or reassurance", "previous asks for advice",
        "previous is a question", "advice-like after asking", "advice-like unasked", "information cue", "negation",
        "starts with so/sounds/seems", "you-statement", "exclamation", "short fact question",
    ];

    public static int Count => Names.Length;

    /// <summary>Fills <paramref name="f"/> (length <see cref="Count"/>) for normalized <paramref name="turn"/> and <paramref name="previous"/>.</summary>
    public static void Extract(string previous, string turn, Span<double> f)
    {
        f.Clear();
        f[0] = 1;
        var shape = Shape.Of(turn);
        var words = Math.Max(shape.Words, 1);
        f[1] = turn.Contains('?', StringComparison.Ordinal) ? 1 : 0;
        f[2] = turn.TrimEnd().EndsWith('?') ? 1 : 0;
        f[3] = shape.WhQuestions > 0 ? 1 : 0;
        f[4] = shape.AuxQuestions > 0 ? 1 : 0;
        f[5] = PairLexicon.TagQuestion().IsMatch(turn) ? 1 : 0;
        f[6] = shape.Sentences == 0 ? 0 : (double)shape.Questions / shape.Sentences;
        var directive = PairLexicon.Directive().IsMatch(turn);
        var suggestion = PairLexicon.Suggestion().IsMatch(turn);
        f[7] = directive ? 1 : 0;
        f[8] = suggestion ? 1 : 0;
        f[9] = shape.ImperativeStarts > 0 ? 1 : 0;
        f[10] = Math.Min(1, 4.0 * shape.SecondPerson / words);
        f[11] = Math.Min(1, 4.0 * shape.FirstPerson / words);
        f[12] = SupportLexicon.SelfDisclosure().IsMatch(turn) ? 1 : 0;
        var (taken, covered, added, feelingAdded, bigrams) = Overlap.Of(previous, turn);
        f[13] = shape.Feelings > 0 ? 1 : 0;
        f[14] = feelingAdded ? 1 : 0;
        f[15] = taken;
        f[16] = covered;
        f[17] = Math.Min(1, added / 8.0);
        f[18] = bigrams;
        f[19] = shape.ContinuationStart ? 1 : 0;
        f[20] = shape.Words <= 4 ? 1 : 0;
        f[21] = Math.Min(1, Math.Log(1 + shape.Words) / Math.Log(61));
        f[22] = SupportLexicon.Reflection().IsMatch(turn) ? 1 : 0;
        f[23] = PairLexicon.DoubleSided().IsMatch(turn) ? 1 : 0;
        f[24] = PairLexicon.Summary().IsMatch(turn) || shape.ListJoins >= 3 ? 1 : 0;
        f[25] = PairLexicon.Affirmation().IsMatch(turn) ? 1 : 0;
        f[26] = PairLexicon.Collaboration().IsMatch(turn) ? 1 : 0;
        f[27] = PairLexicon.Confront().IsMatch(turn) || SupportLexicon.HasUnnegated(SupportLexicon.Dismissive(), turn)
            || SupportLexicon.HasUnnegated(SupportLexicon.Blaming(), turn) || SupportLexicon.HasUnnegated(SupportLexicon.Minimizing(), turn) ? 1 : 0;
        f[28] = SupportLexicon.Preachy().IsMatch(turn) ? 1 : 0;
        f[29] = SupportLexicon.Validation().IsMatch(turn) ? 1 : 0;
        f[30] = SupportLexicon.Warmth().IsMatch(turn) ? 1 : 0;
        f[31] = SupportLexicon.NextStep().IsMatch(turn) ? 1 : 0;
        f[32] = (shape.Words <= 6 && shape.Fillers * 2 > shape.Words) || PairLexicon.OtherPhrases().IsMatch(turn) ? 1 : 0;
        var asked = previous.Length > 0 && PairLexicon.AsksForAdvice().IsMatch(previous);
        f[33] = asked ? 1 : 0;
        f[34] = previous.Contains('?', StringComparison.Ordinal) ? 1 : 0;
        var adviceLike = directive || suggestion || shape.ImperativeStarts > 0;
        f[35] = adviceLike && asked ? 1 : 0;
        f[36] = adviceLike && !asked ? 1 : 0;
        f[37] = PairLexicon.Information().IsMatch(turn) ? 1 : 0;
        f[38] = shape.Negations > 0 ? 1 : 0;
        f[39] = shape.SoStart ? 1 : 0;
        f[40] = shape.YouStatements > 0 ? 1 : 0;
        f[41] = turn.Contains('!', StringComparison.Ordinal) ? 1 : 0;
        f[42] = shape.Words <= 8 && f[2] > 0 && PairLexicon.FactQuestionStart().IsMatch(turn.AsSpan().TrimStart()) ? 1 : 0;
        for (var i = 0; i < f.Length; i++)
        {
            f[i] = Math.Round(f[i], 6);
        }
    }
}
