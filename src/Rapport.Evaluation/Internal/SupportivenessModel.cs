namespace Rapport.Evaluation.Internal;

/// <summary>The fitted weights of the offline supportiveness model, one per <see cref="SupportFeatures"/> feature, and its 0..1 scale.</summary>
/// <remarks>
/// Fitted by <c>tools/Rapport.Calibration --fit</c> on the training splits only and chosen on the validation splits
/// (docs/evaluation.md); the numbers are logistic-regression weights over the interpretable features, no dataset text.
/// Re-run the fit after changing a feature. The logit is mapped linearly onto 0..1 between the model's own extremes:
/// 0 is a one-word turn with no cue (that, when the person's words are known, takes up none of them), 1 a turn of 60
/// words or more with every supportive cue (that takes up the person's words). Minimizing language can push a turn
/// below 0, which the scorer clamps.
/// </remarks>
internal static class SupportivenessModel
{
    public static readonly double[] Weights =
    [
        -0.086, // bias
        0.029, 0.099, 0.094, 0.038, // words 0-5, 5-15, 15-30, 30-60
        0.039, 0.045, 0.076, 0.009, 0.039, 0.009, // validation, warmth, reflection, collaboration, next step, self-disclosure
        -0.020, 0.150, // minimizing, echoes the person
    ];

    private static readonly (double Floor, double Ceiling) WithoutContext = Extremes(withContext: false);
    private static readonly (double Floor, double Ceiling) WithContext = Extremes(withContext: true);

    /// <summary>Returns the model's score in 0..1 for <paramref name="features"/>; <paramref name="withContext"/> when the person's words were known.</summary>
    public static double Score(ReadOnlySpan<double> features, bool withContext)
    {
        var z = 0.0;
        for (var i = 0; i < features.Length; i++)
        {
            z += Weights[i] * features[i];
        }

        var (floor, ceiling) = withContext ? WithContext : WithoutContext;
        return Math.Clamp((z - floor) / (ceiling - floor), 0, 1);
    }

    private static (double Floor, double Ceiling) Extremes(bool withContext)
    {
        var floor = Weights[0] + (Weights[1] / 5) + (withContext ? -Weights[SupportFeatures.Echo] : 0);
        var ceiling = Weights[0];
        for (var i = 1; i < SupportFeatures.Count; i++)
        {
            if (Weights[i] > 0 && (withContext || i != SupportFeatures.Echo))
            {
                ceiling += Weights[i];
            }
        }

        return (floor, ceiling);
    }
}
