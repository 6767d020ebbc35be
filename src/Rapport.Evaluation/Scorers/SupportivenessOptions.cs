namespace Rapport.Evaluation.Scorers;

/// <summary>Configures <see cref="SupportivenessEvaluator"/>: the fixed penalties for harmful language and the pass threshold.</summary>
/// <remarks>
/// The behaviour models are fitted (docs/evaluation.md) and not options. Dismissive ("calm down", "get over it") and
/// blaming ("your own fault") language is a guard on top of the model: each unnegated cue subtracts a fixed penalty
/// (at most twice per kind); the result is clamped to 0..1. Directive language is the model's business (advice without
/// permission), so the preachy penalty is 0 by default.
/// </remarks>
public sealed class SupportivenessOptions
{
    /// <summary>Gets or sets the penalty per dismissive cue ("calm down", "get over it").</summary>
    /// <value>The default is 0.35.</value>
    public double Dismissive { get; set; } = 0.35;

    /// <summary>Gets or sets the penalty per blaming cue ("your own fault", "you always").</summary>
    /// <value>The default is 0.35.</value>
    public double Blaming { get; set; } = 0.35;

    /// <summary>Gets or sets the penalty per preachy cue ("you need to", "obviously").</summary>
    /// <value>The default is 0: the behaviour model already scores advice without permission low, and advice the person asked for must not be penalised.</value>
    public double Preachy { get; set; }

    /// <summary>Gets or sets the score below which a turn fails.</summary>
    /// <value>The default is 0.6.</value>
    public double PassThreshold { get; set; } = 0.6;

    /// <summary>Throws unless every penalty and the threshold are in 0..1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A penalty or the threshold is outside 0..1.</exception>
    public void Validate()
    {
        Check(Dismissive, nameof(Dismissive));
        Check(Blaming, nameof(Blaming));
        Check(Preachy, nameof(Preachy));
        Check(PassThreshold, nameof(PassThreshold));
    }

    private static void Check(double value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 0, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1, name);
    }
}
