namespace Rapport.Evaluation.Scorers;

/// <summary>Configures <see cref="SupportivenessEvaluator"/>: what each cue category adds or takes away.</summary>
/// <remarks>
/// A turn starts at <see cref="Baseline"/> plus its <see cref="Substance"/> credit; each supportive category present adds its weight (a quarter more when it
/// appears twice or more); each harmful cue subtracts its penalty (at most twice per category). The result is
/// clamped to 0..1. docs/evaluation.md reports how the defaults separate better from worse turns.
/// </remarks>
public sealed class SupportivenessOptions
{
    /// <summary>Gets or sets the score of a turn with no cues and no substance (a bare "ok").</summary>
    /// <value>The default is 0.15.</value>
    public double Baseline { get; set; } = 0.15;

    /// <summary>Gets or sets what engaging with substance adds, reached at <see cref="SubstanceWords"/> words.</summary>
    /// <value>The default is 0.2.</value>
    /// <remarks>
    /// A greeting or a one-word filler cannot validate or reflect anything; a turn that engages with the person's
    /// situation can. The credit grows linearly up to <see cref="SubstanceWords"/> and then stays flat, so rambling
    /// earns nothing more (brevity scores length separately).
    /// </remarks>
    public double Substance { get; set; } = 0.2;

    /// <summary>Gets or sets the word count at which <see cref="Substance"/> is fully earned.</summary>
    /// <value>The default is 30 words.</value>
    public int SubstanceWords { get; set; } = 30;

    /// <summary>Gets or sets what validating the user's feelings adds ("that sounds hard", "it makes sense").</summary>
    /// <value>The default is 0.22.</value>
    public double Validation { get; set; } = 0.22;

    /// <summary>Gets or sets what warmth adds ("I'm sorry", "you're not alone", "thank you for sharing").</summary>
    /// <value>The default is 0.16.</value>
    public double Warmth { get; set; } = 0.16;

    /// <summary>Gets or sets what reflecting the user's words adds ("it sounds like you...").</summary>
    /// <value>The default is 0.16.</value>
    public double Reflection { get; set; } = 0.16;

    /// <summary>Gets or sets what collaborative, open language adds ("would you like", "we could", open questions).</summary>
    /// <value>The default is 0.12.</value>
    public double Collaboration { get; set; } = 0.12;

    /// <summary>Gets or sets what a concrete gentle next step adds ("take one slow breath", "write it down tonight").</summary>
    /// <value>The default is 0.12.</value>
    public double NextStep { get; set; } = 0.12;

    /// <summary>Gets or sets the penalty per dismissive cue ("calm down", "get over it").</summary>
    /// <value>The default is 0.35.</value>
    public double Dismissive { get; set; } = 0.35;

    /// <summary>Gets or sets the penalty per blaming cue ("your own fault", "you always").</summary>
    /// <value>The default is 0.35.</value>
    public double Blaming { get; set; } = 0.35;

    /// <summary>Gets or sets the penalty per preachy cue ("you need to", "obviously").</summary>
    /// <value>The default is 0.12.</value>
    public double Preachy { get; set; } = 0.12;

    /// <summary>Gets or sets the penalty per minimizing cue ("at least", "could be worse", "cheer up").</summary>
    /// <value>The default is 0.2.</value>
    public double Minimizing { get; set; } = 0.2;

    /// <summary>Gets or sets the score below which a turn fails.</summary>
    /// <value>The default is 0.6.</value>
    public double PassThreshold { get; set; } = 0.6;

    /// <summary>Throws unless every weight is in 0..1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight or the threshold is outside 0..1.</exception>
    public void Validate()
    {
        Check(Baseline, nameof(Baseline));
        Check(Substance, nameof(Substance));
        ArgumentOutOfRangeException.ThrowIfLessThan(SubstanceWords, 1, nameof(SubstanceWords));
        Check(Validation, nameof(Validation));
        Check(Warmth, nameof(Warmth));
        Check(Reflection, nameof(Reflection));
        Check(Collaboration, nameof(Collaboration));
        Check(NextStep, nameof(NextStep));
        Check(Dismissive, nameof(Dismissive));
        Check(Blaming, nameof(Blaming));
        Check(Preachy, nameof(Preachy));
        Check(Minimizing, nameof(Minimizing));
        Check(PassThreshold, nameof(PassThreshold));
    }

    private static void Check(double value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 0, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1, name);
    }
}
