namespace Rapport.Evaluation.Behaviour;

/// <summary>How supportive each behaviour is, and the supportiveness of a turn: the expected value over its code probabilities.</summary>
/// <remarks>
/// The values follow the MI literature's ordering (docs/evaluation.md): complex reflections above simple ones,
/// affirmations, seeking collaboration and open questions high; advice the person asked for is not penalised;
/// closed questions, self-disclosure and filler in the middle; advice without permission low; persuading,
/// confronting, minimising and blaming lowest. No value depends on length, so the score cannot grow with word count.
/// </remarks>
public static class BehaviourSupport
{
    private static readonly double[] Values = [0.8, 1.0, 0.75, 0.5, 0.85, 0.8, 0.7, 0.2, 0.0, 0.45, 0.4];

    /// <summary>Returns the supportiveness of a turn coded <paramref name="code"/> with certainty.</summary>
    public static double Value(BehaviourCode code) => Values[(int)code];

    /// <summary>Returns the expected supportiveness over <paramref name="probabilities"/> (indexed by <see cref="BehaviourCode"/>).</summary>
    public static double Score(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var score = 0.0;
        for (var i = 0; i < Values.Length && i < probabilities.Count; i++)
        {
            score += Values[i] * probabilities[i];
        }

        return Math.Clamp(score, 0, 1);
    }
}
