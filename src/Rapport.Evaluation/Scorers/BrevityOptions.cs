namespace Rapport.Evaluation.Scorers;

/// <summary>Configures <see cref="BrevityEvaluator"/>.</summary>
public sealed class BrevityOptions
{
    /// <summary>Gets or sets the most sentences a turn may have and still score 1.</summary>
    /// <value>The default is 2.</value>
    public int MaxSentences { get; set; } = 2;

    /// <summary>Gets or sets the most words a turn may have and still score 1.</summary>
    /// <value>The default is 40.</value>
    public int MaxWords { get; set; } = 40;

    /// <summary>Gets or sets how steeply the score falls beyond the limits: score = (limit / actual) ^ steepness.</summary>
    /// <value>The default is 1 (twice the limit scores 0.5).</value>
    public double Steepness { get; set; } = 1;

    /// <summary>Gets or sets the score below which a turn fails.</summary>
    /// <value>The default is 0.6.</value>
    public double PassThreshold { get; set; } = 0.6;

    /// <summary>Throws unless the options are usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive or the threshold is outside 0..1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSentences, 1, nameof(MaxSentences));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWords, 1, nameof(MaxWords));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Steepness, nameof(Steepness));
        ArgumentOutOfRangeException.ThrowIfLessThan(PassThreshold, 0, nameof(PassThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PassThreshold, 1, nameof(PassThreshold));
    }
}
